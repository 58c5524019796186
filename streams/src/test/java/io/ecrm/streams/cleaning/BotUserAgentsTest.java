package io.ecrm.streams.cleaning;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BotUserAgentsTest {
    private final BotUserAgents bots = BotUserAgents.shipped();

    @Test
    void recognisesCrawlersAndTools() {
        assertTrue(bots.isBot("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"));
        assertTrue(bots.isBot("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"));
        assertTrue(bots.isBot("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"));
        assertTrue(bots.isBot("curl/8.5.0"));
        assertTrue(bots.isBot("python-requests/2.31.0"));
        assertTrue(bots.isBot("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36"));
    }

    @Test
    void letsPeoplesBrowsersThrough() {
        assertFalse(bots.isBot("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"));
        assertFalse(bots.isBot("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1"));
        assertFalse(bots.isBot("Mozilla/5.0 (Linux; Android 9; CUBOT P30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/96.0 Mobile Safari/537.36"),
                "a phone brand containing 'bot' is a person");
        assertFalse(bots.isBot(null));
    }
}
