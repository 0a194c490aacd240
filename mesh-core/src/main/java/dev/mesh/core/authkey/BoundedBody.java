package dev.mesh.core.authkey;

import dev.mesh.core.json.JsonLimitException;
import dev.mesh.core.json.JsonObjects;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An HTTP response body read as UTF-8 text, at most {@link JsonObjects#MAX_CHARS} bytes: a server that
 * sends more is cut off (the subscription cancelled) and the response fails with a
 * {@link JsonLimitException}, so an endless or huge answer costs bounded memory.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<String> {
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final String what;
    private final long limit;
    private Flow.Subscription subscription;

    private BoundedBody(String what, long limit) {
        this.what = what;
        this.limit = limit;
    }

    /** A body handler whose bodies are at most {@code limit} bytes; {@code what} names the request. */
    static HttpResponse.BodyHandler<String> handler(String what, long limit) {
        return info -> new BoundedBody(what, limit);
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : buffers) {
            if (bytes.size() + (long) b.remaining() > limit) {
                subscription.cancel();
                result.completeExceptionally(new JsonLimitException(what + ": answer is larger than "
                        + limit / (1024 * 1024) + " MiB"));
                return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toString(StandardCharsets.UTF_8));
    }
}
