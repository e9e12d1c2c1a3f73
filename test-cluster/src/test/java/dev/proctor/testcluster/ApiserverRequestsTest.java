package dev.proctor.testcluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiserverRequestsTest {
    private static final String BEFORE = """
            # TYPE apiserver_request_total counter
            apiserver_request_total{code="201",component="apiserver",dry_run="",group="batch",resource="jobs",scope="resource",subresource="",verb="POST",version="v1"} 2
            apiserver_request_total{code="409",component="apiserver",dry_run="",group="batch",resource="jobs",scope="resource",subresource="",verb="POST",version="v1"} 1
            apiserver_request_total{code="200",component="apiserver",dry_run="",group="",resource="pods",scope="namespace",subresource="",verb="LIST",version="v1"} 7
            """;
    private static final String AFTER = BEFORE.replace("verb=\"POST\",version=\"v1\"} 2", "verb=\"POST\",version=\"v1\"} 5");

    @Test
    void sumsCodesPerKindAndReportsOnlyWhatMoved() {
        var delta = ApiserverRequests.parse(AFTER).since(ApiserverRequests.parse(BEFORE));

        assertThat(delta).containsExactly(java.util.Map.entry(new ApiserverRequests.Kind("POST", "batch", "jobs", ""), 3L));
        assertThat(delta.keySet().iterator().next().isWrite()).isTrue();
    }
}
