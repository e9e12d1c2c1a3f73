// Prints TimeZones.java: the JDK's IANA zone names as a CEL list for the TestSuiteSchedule CRD (run with `java hack/GenTimeZones.java`).
import java.time.ZoneId;
import java.util.*;
public class GenTimeZones { public static void main(String[] a){ List<String> z=new ArrayList<>(ZoneId.getAvailableZoneIds()); Collections.sort(z);
 StringBuilder sb=new StringBuilder();
 sb.append("package dev.proctor.operator.api.v1alpha1;\n\n");
 sb.append("/**\n * The IANA time zone names a schedule's {@code timeZone} may use, as a CEL list for the CRD's admission rule: the\n * zones the JDK's tz database knows (" + z.size() + " names, generated from Java " + System.getProperty("java.version") + "'s {@code ZoneId.getAvailableZoneIds()}),\n * so every zone the API server accepts is one the operator can load. Regenerate with the JDK when its tz database\n * gains a zone: {@code java hack/GenTimeZones.java > operator/src/main/java/dev/proctor/operator/api/v1alpha1/TimeZones.java}.\n */\n");
 sb.append("public final class TimeZones {\n    private TimeZones() {}\n\n    /** Count of {@link #CEL_LIST}'s names. */\n    public static final int COUNT = " + z.size() + ";\n\n    /** {@code ['Africa/Abidjan', …, 'Zulu']} */\n    public static final String CEL_LIST = \"[\"\n");
 StringBuilder line=new StringBuilder("            + \"");
 for(int i=0;i<z.size();i++){ String item="'"+z.get(i)+"'"+(i<z.size()-1?",":""); if(line.length()+item.length()>112){ sb.append(line).append("\"\n"); line=new StringBuilder("            + \""); } line.append(item); }
 sb.append(line).append("\"\n            + \"]\";\n}\n");
 System.out.print(sb);
}}
