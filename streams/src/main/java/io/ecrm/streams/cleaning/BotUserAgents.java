package io.ecrm.streams.cleaning;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recognises crawlers, bots and tools by user agent: a case-insensitive substring match against
 * the tokens of {@code cleaning/bot-user-agents.txt}, a data file kept in the repository (one
 * token a line, {@code #} comments; its header says where the tokens come from).
 */
public final class BotUserAgents {
    private final String[] tokens;
    private final String[] exceptions;

    /** Tokens starting with {@code !} are exceptions: their text is removed from a user agent before matching. */
    public BotUserAgents(List<String> tokens) {
        this.tokens = tokens.stream().filter(t -> !t.startsWith("!")).map(t -> t.toLowerCase(Locale.ROOT))
                .toArray(String[]::new);
        this.exceptions = tokens.stream().filter(t -> t.startsWith("!")).map(t -> t.substring(1).toLowerCase(Locale.ROOT))
                .toArray(String[]::new);
    }

    /** The list shipped with ecrm. */
    public static BotUserAgents shipped() {
        try (InputStream in = BotUserAgents.class.getResourceAsStream("/cleaning/bot-user-agents.txt")) {
            if (in == null) {
                throw new IllegalStateException("cleaning/bot-user-agents.txt is missing from the classpath");
            }
            List<String> tokens = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String token = line.strip();
                if (!token.isEmpty() && !token.startsWith("#")) {
                    tokens.add(token);
                }
            }
            return new BotUserAgents(tokens);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isBot(String userAgent) {
        if (userAgent == null) {
            return false;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        for (String exception : exceptions) {
            ua = ua.replace(exception, " ");
        }
        for (String token : tokens) {
            if (ua.contains(token)) {
                return true;
            }
        }
        return false;
    }
}
