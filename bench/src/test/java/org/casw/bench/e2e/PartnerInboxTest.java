package org.casw.bench.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The partner counts a document its receiver already had as a duplicate: exactly once means none. */
class PartnerInboxTest {

    @Test
    void theSameDocumentTwiceAtOneReceiverIsADuplicateButAtAnotherIsNot() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        try (PartnerInbox inbox = new PartnerInbox()) {
            deliver(client, inbox.url("CN-CUSTOMS"), "BENCH-1");
            deliver(client, inbox.url("CN-CUSTOMS"), "BENCH-2");
            deliver(client, inbox.url("SG-NSW"), "BENCH-1");
            assertEquals(0, inbox.duplicates());

            deliver(client, inbox.url("CN-CUSTOMS"), "BENCH-1");

            assertEquals(1, inbox.duplicates());
            assertEquals(4, inbox.deliveries());
        }
    }

    /** The inbox counts before it answers, so the count is there once the answer is. */
    private static void deliver(HttpClient client, String url, String key) throws Exception {
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString("<Doc><Id>" + key + "</Id></Doc>")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, response.statusCode());
    }
}
