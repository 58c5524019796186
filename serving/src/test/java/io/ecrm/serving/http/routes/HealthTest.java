package io.ecrm.serving.http.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecrm.serving.http.ApiProblem;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

/** Readiness: up only when the broker answers and every tenant runs; otherwise a 503 that names each part down. */
class HealthTest {
    @Test
    void readyWhenTheBrokerAnswersAndEveryTenantRuns() {
        Health.Answer answer = Health.readiness(new Health.Broker("k:9092", true, 3, 2), Map.of("a", State.RUNNING, "b", State.RUNNING),
                List.of("ecrm.a.events has 1 copy of a partition, 3 wanted"));
        assertEquals("UP", answer.status());
        assertEquals(Map.of("a", "RUNNING", "b", "RUNNING"), answer.tenants());
        assertEquals(List.of("ecrm.a.events has 1 copy of a partition, 3 wanted"), answer.warnings(), "a warning does not make it unready");
        assertEquals(3, answer.broker().replicationFactor());
    }

    @Test
    void aRebalancingTenantAndAnUnreachableBrokerAreNamed() {
        ApiProblem problem = assertThrows(ApiProblem.class,
                () -> Health.readiness(new Health.Broker("k:9092", false, 3, 2),
                        Map.of("a", State.RUNNING, "b", State.REBALANCING), List.of()));
        assertEquals(503, problem.type().status());
        assertEquals("not ready: the Kafka cluster at k:9092 does not answer; tenant b is REBALANCING", problem.getMessage());
        assertEquals(Map.of("a", "RUNNING", "b", "REBALANCING"), problem.extensions().get("tenants"));
        assertEquals("DOWN", problem.extensions().get("status"));
    }

    @Test
    void aStartingTenantAloneMakesItNotReady() {
        ApiProblem problem = assertThrows(ApiProblem.class, () -> Health.readiness(new Health.Broker("k:9092", true, 1, 1),
                Map.of("a", State.CREATED), List.of()));
        assertEquals("not ready: tenant a is CREATED", problem.getMessage());
    }
}
