package io.ecrm.serving.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ecrm.schemas.EventDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Hostile query and path parameters: {@code count} and ids are either taken (and then within
 * their bounds, and exactly what was sent) or refused with a validation problem naming the
 * parameter; nothing else is ever thrown.
 * Seeds: {@code src/test/resources/io/ecrm/serving/http/RequestParamsFuzzTestInputs/...}; each
 * file is one raw parameter value.
 */
class RequestParamsFuzzTest {
    private static final int MAX = 1000;

    @FuzzTest(maxDuration = "2m")
    void countIsInRangeOrNamed(byte[] input) {
        String value = new String(input, StandardCharsets.UTF_8);
        int count;
        try {
            count = RequestParams.count(value, 10, MAX);
        } catch (ApiProblem problem) {
            assertEquals(ApiProblem.Type.VALIDATION, problem.type());
            assertEquals("query/count", problem.errors().get(0).pointer());
            return;
        }
        assertTrue(count >= 1 && count <= MAX, "count " + count);
        assertTrue(value.matches("[0-9]+"), "a taken count is written in ASCII digits: '" + value + "'");
        assertEquals(count, Integer.parseInt(value));
    }

    @FuzzTest(maxDuration = "2m")
    void idIsTakenWholeOrNamed(byte[] input) {
        String value = new String(input, StandardCharsets.UTF_8);
        String id;
        try {
            id = RequestParams.id(value, "id");
        } catch (ApiProblem problem) {
            assertEquals(ApiProblem.Type.VALIDATION, problem.type());
            assertEquals("path/id", problem.errors().get(0).pointer());
            return;
        }
        assertEquals(value, id, "an id is taken whole or not at all");
        assertFalse(id.isBlank());
        assertTrue(id.length() <= EventDecoder.MAX_ID_LENGTH);
        assertTrue(id.chars().noneMatch(Character::isISOControl), "no control character (no header or log injection)");
        assertTrue(id.indexOf('\uFFFD') < 0 && EventDecoder.isWellFormed(id), "no trace of bytes that were not UTF-8");
    }
}
