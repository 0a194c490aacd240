package dev.mesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;

/**
 * Checks an {@code --output json} document against its definition in
 * {@code src/test/resources/schemas/mesh-output.schema.json} (JSON Schema 2020-12, networknt's validator).
 */
public final class JsonSchemas {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private JsonSchemas() {
    }

    /** @param definition {@code host-results}, {@code plugins}, {@code authkey-create}, {@code host-list}, … */
    public static void assertValid(String json, String definition) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of("classpath:schemas/mesh-output.schema.json#/$defs/" + definition));
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        assertEquals(List.of(), errors.stream().map(Error::toString).toList(), json);
    }
}
