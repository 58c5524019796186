package io.ecrm.schemas;

/**
 * The form of the {@code recommendationId} the engine gives each answer: 16 lower-case hex digits.
 * The first two are the experiment the answer was made in (its serial, 1 to 255; 00 outside any
 * experiment), the next two its arm (0 to 254), the other twelve random. So an impression or a
 * click that names the id says which arm's settings made the list, with no lookup. An id of another
 * form (a shop's own) is in no experiment.
 */
public final class RecommendationIds {
    public static final int LENGTH = 16;
    public static final int MAX_SERIAL = 255;
    public static final int MAX_ARM = 254;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RecommendationIds() {
    }

    /** Fills {@code id} ({@link #LENGTH} chars) with a new id of experiment {@code serial} (0: none) and arm {@code arm}. */
    public static void write(char[] id, int serial, int arm, long random) {
        long bits = ((long) serial << 56) | ((long) arm << 48) | (random & 0xFFFF_FFFF_FFFFL);
        for (int i = LENGTH - 1; i >= 0; i--) {
            id[i] = HEX[(int) (bits & 15)];
            bits >>>= 4;
        }
    }

    /** A new id in no experiment, as a string: for the answers no experiment ranks (similar, popular, trending items). */
    public static String outsideExperiments(long random) {
        char[] id = new char[LENGTH];
        write(id, 0, 0, random);
        return new String(id);
    }

    /** The experiment serial an id names: 1 to 255, or 0 for an id in no experiment (or not of this form). */
    public static int serialOf(String id) {
        return isEngineId(id) ? hexByte(id, 0) : 0;
    }

    /** The arm an id names; meaningful when {@link #serialOf} is not 0. */
    public static int armOf(String id) {
        return isEngineId(id) ? hexByte(id, 2) : 0;
    }

    private static boolean isEngineId(String id) {
        if (id == null || id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static int hexByte(String id, int at) {
        return Character.digit(id.charAt(at), 16) * 16 + Character.digit(id.charAt(at + 1), 16);
    }
}
