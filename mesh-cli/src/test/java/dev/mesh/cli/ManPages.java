package dev.mesh.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes mesh's man pages at build time (mesh-cli's {@code prepare-package}, into {@code man/} of the
 * distribution): picocli-codegen's {@link ManPageGenerator} renders every command of the same model
 * the parser uses as an AsciiDoc man page, and Asciidoctor's {@code manpage} backend turns each into
 * troff ({@code man/man1/mesh-remote-provision.1}, …), so {@code man -l} or a MANPATH entry reads them.
 * Lives in the test sources so that neither library is shipped.
 */
public final class ManPages {
    private ManPages() {
    }

    /** @param args the output directory ({@code target/man}) */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Path adoc = out.resolveSibling(out.getFileName() + "-adoc");
        Files.createDirectories(adoc);
        CommandLine mesh = MeshCommandLine.create(Map.of());
        int status = ManPageGenerator.generateManPage(adoc.toFile(), null, new boolean[0], true, mesh.getCommandSpec());
        if (status != 0) {
            throw new IllegalStateException("ManPageGenerator ended with " + status);
        }
        List<Path> pages;
        try (Stream<Path> files = Files.list(adoc)) {
            pages = files.filter(f -> f.toString().endsWith(".adoc")).sorted().toList();
        }
        Path man1 = out.resolve("man1");
        Files.createDirectories(man1);
        try (Asciidoctor asciidoctor = Asciidoctor.Factory.create()) {
            for (Path page : pages) {
                asciidoctor.convertFile(page.toFile(), Options.builder().backend("manpage").safe(SafeMode.UNSAFE)
                        .toDir(man1.toFile()).mkDirs(true).build());
            }
        }
        System.out.println("mesh: " + pages.size() + " man pages in " + man1 + File.separator);
    }
}
