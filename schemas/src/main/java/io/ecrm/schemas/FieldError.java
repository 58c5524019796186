package io.ecrm.schemas;

/**
 * One reason an input was refused.
 *
 * @param pointer JSON Pointer (RFC 6901) of the offending value within the request body, for
 *                example {@code /3/itemId} for the itemId of the fourth event of a batch
 * @param message what is wrong, in words a shop developer can act on
 */
public record FieldError(String pointer, String message) {
}
