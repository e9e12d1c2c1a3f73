package dev.proctor.operator.api.v1alpha1.sla;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertRouteStatus {
    public Long observedGeneration;
    @JsonPropertyDescription("Ready: every receiver's Secret keys resolve; reason SecretNotFound, KeyNotFound or InvalidRoute when not.")
    public List<Condition> conditions = new ArrayList<>();
    public Integer receiverCount;
    public List<ReceiverStatus> receivers;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ReceiverStatus {
        public String name;
        public String type;
        public Boolean ready;
        public Long sent;
        public Long failed;
        @JsonPropertyDescription("Last delivery error, secrets masked.")
        public String lastError;
        public String lastErrorTime;
        public String lastSentTime;
        @JsonPropertyDescription("closed, open or half-open.")
        public String circuit;

        @Override
        public boolean equals(Object o) {
            return o instanceof ReceiverStatus r && java.util.Objects.equals(name, r.name) && java.util.Objects.equals(type, r.type)
                    && java.util.Objects.equals(ready, r.ready) && java.util.Objects.equals(sent, r.sent)
                    && java.util.Objects.equals(failed, r.failed) && java.util.Objects.equals(lastError, r.lastError)
                    && java.util.Objects.equals(lastErrorTime, r.lastErrorTime) && java.util.Objects.equals(lastSentTime, r.lastSentTime)
                    && java.util.Objects.equals(circuit, r.circuit);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(name, sent, failed);
        }
    }
}
