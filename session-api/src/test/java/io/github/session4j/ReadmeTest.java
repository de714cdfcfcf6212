package io.github.session4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root README's first-contact parts: the embedding snippet compiles as it is printed (imports
 * included) and creates the manager once, and the Maven coordinates import the BOM at the
 * project's version. The tests run in session-api's directory.
 */
class ReadmeTest {

    private static final Path README = Path.of("..", "README.md");

    private static String section(String readme, String heading) {
        int start = readme.indexOf("## " + heading + "\n");
        assertThat(start).as("the README section %s", heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + 3);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static String javaBlock(String section) {
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(block.find()).as("a java block in %s", section.lines().findFirst().orElse("")).isTrue();
        return block.group(1);
    }

    @Test
    void theEmbeddingSnippetCompilesAsPrintedAndCreatesTheManagerOnce(@TempDir Path dir) throws Exception {
        String snippet = javaBlock(section(Files.readString(README), "Embedding it"));
        assertThat(snippet).as("the snippet creates the manager once, outside the request path")
                .containsOnlyOnce("SessionManager.create(").doesNotContain("try (SessionManager");
        assertThat(snippet.indexOf("SessionManager.create(")).as("the manager is created in main, before the handler")
                .isLessThan(snippet.indexOf("static void handle"));

        Path source = Files.createDirectories(dir.resolve("src")).resolve("App.java");
        Files.writeString(source, snippet);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean compiled = compiler.getTask(errors, null, null,
                List.of("-Xlint:all", "-Werror", "-d", dir.resolve("out").toString(),
                        "-cp", System.getProperty("java.class.path")),
                null, compiler.getStandardFileManager(null, null, null).getJavaFileObjects(source.toFile())).call();
        assertThat(compiled).as("the README's embedding snippet compiles: %s", errors).isTrue();
    }

    @Test
    void theCoordinatesImportTheBomAtTheProjectsVersion() throws Exception {
        String coordinates = section(Files.readString(README), "Maven coordinates");
        String version = Files.readString(Path.of("..", "pom.xml")).lines()
                .filter(line -> line.startsWith("  <version>")).findFirst().orElseThrow()
                .replace("<version>", "").replace("</version>", "").trim();

        assertThat(coordinates).contains("<artifactId>session-bom</artifactId>\n      <version>" + version
                        + "</version>\n      <type>pom</type>\n      <scope>import</scope>")
                .contains("platform(\"io.github.session4j:session-bom:" + version + "\")")
                .contains("<artifactId>session-api</artifactId>");
    }
}
