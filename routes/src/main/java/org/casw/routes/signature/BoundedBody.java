package org.casw.routes.signature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** An HTTP response body collected up to a size, failing beyond it instead of filling the heap. */
final class BoundedBody {

    private BoundedBody() {
    }

    /** @param tooLarge the message of the failure once the body passes {@code maxBytes} */
    static HttpResponse.BodySubscriber<byte[]> upTo(long maxBytes, String tooLarge) {
        return new HttpResponse.BodySubscriber<>() {
            private final CompletableFuture<byte[]> result = new CompletableFuture<>();
            private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            private Flow.Subscription subscription;

            @Override
            public CompletionStage<byte[]> getBody() {
                return result;
            }

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> items) {
                if (result.isDone()) {
                    return; // already failed for size; buffers still in flight are dropped
                }
                for (ByteBuffer item : items) {
                    if (buffer.size() + item.remaining() > maxBytes) {
                        subscription.cancel();
                        result.completeExceptionally(new IOException(tooLarge));
                        return;
                    }
                    byte[] bytes = new byte[item.remaining()];
                    item.get(bytes);
                    buffer.writeBytes(bytes);
                }
            }

            @Override
            public void onError(Throwable throwable) {
                result.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                result.complete(buffer.toByteArray());
            }
        };
    }
}
