package dev.proctor.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiFailureTest {

    @ParameterizedTest(name = "{0} {1} -> permanent {2}, {3}")
    @CsvSource(delimiter = '|', textBlock = """
            422 | Job.batch "r-shard-0" is invalid: spec.template.spec.containers[0].image: Required value | true  | Invalid
            400 | the server rejected our request                                                     | true  | BadRequest
            403 | jobs.batch is forbidden: User "system:serviceaccount:p:op" cannot create resource "jobs" | true | Forbidden
            403 | jobs.batch "r-shard-1" is forbidden: exceeded quota: q, requested: count/jobs.batch=1 | true | QuotaExceeded
            403 | jobs.batch "r-shard-0" is forbidden: ValidatingAdmissionPolicy 'p' with binding 'b' denied request: no | true | AdmissionDenied
            400 | admission webhook "deny.example.com" denied the request: not today                  | true  | AdmissionDenied
            404 | namespaces "gone" not found                                                           | true  | NotFound
            429 | Too many requests, please try again later.                                           | false | Throttled
            500 | Internal error occurred: failed calling webhook "w.example.com": connection refused   | false | InternalError
            503 | the server is currently unable to handle the request                                  | false | ApiServerUnavailable
            504 | Timeout: request did not complete within requested timeout                            | false | Timeout
            0   | Connection refused                                                                    | false | ApiServerUnreachable
            401 | Unauthorized                                                                          | false | Unauthorized
            """)
    void classifiesTheApiServersAnswer(int code, String message, boolean permanent, String reason) {
        ApiFailure failure = new ApiFailure(code, message);
        assertThat(failure.permanent()).isEqualTo(permanent);
        assertThat(failure.reason()).isEqualTo(reason);
    }

    @Test
    void anEmptyMessageStillSaysSomething() {
        assertThat(new ApiFailure(503, " ").message()).isEqualTo("HTTP 503");
    }
}
