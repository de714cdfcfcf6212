package io.github.session4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The first-party data that session-api's build generates agrees with session-bom/pom.xml, and the
 * BOM agrees with the root POM's management of the project's own modules (their versions live in
 * one place). Reads the POMs from the source tree: the tests run in session-api's directory.
 */
class FirstPartyBackendsTest {

    private static final String BACKEND = "session4j.backend.";

    @Test
    void theGeneratedDataIsTheBomsBackends() throws Exception {
        Element bom = read(Path.of("..", "session-bom", "pom.xml"));
        Map<String, String> listed = new TreeMap<>();
        for (Element dependency : managed(bom)) {
            listed.put(text(dependency, "artifactId"), text(dependency, "groupId") + ":" + text(dependency, "artifactId"));
        }
        Map<String, String> expected = new TreeMap<>();
        for (Element property : children(child(bom, "properties"))) {
            String name = property.getLocalName();
            if (name.startsWith(BACKEND)) {
                String artifactId = name.substring(BACKEND.length());
                assertThat(listed).as("the BOM lists the artifact of property " + name).containsKey(artifactId);
                expected.put(property.getTextContent().trim(), listed.get(artifactId));
            }
        }

        assertThat(FirstPartyBackends.load().artifacts()).isEqualTo(expected)
                .containsEntry("mongodb", "io.github.session4j:session-mongo")
                .containsEntry("redis", "io.github.session4j:session-redis");
    }

    @Test
    void theGeneratedAliasesAreTheBomsAndEachNamesAFirstPartyBackend() throws Exception {
        Element bom = read(Path.of("..", "session-bom", "pom.xml"));
        Map<String, FirstPartyBackends.Alias> expected = new TreeMap<>();
        for (Element property : children(child(bom, "properties"))) {
            String name = property.getLocalName();
            if (name.startsWith("session4j.alias.")) {
                String[] value = property.getTextContent().trim().split("\\|", 2);
                expected.put(name.substring("session4j.alias.".length()), new FirstPartyBackends.Alias(value[0], value[1]));
            }
        }
        FirstPartyBackends data = FirstPartyBackends.load();

        assertThat(data.aliases()).isEqualTo(expected).containsOnlyKeys("postgres", "postgresql", "mysql", "mariadb", "h2",
                "sqlite");
        data.aliases().values().forEach(alias -> assertThat(data.artifacts()).as("the backend of " + alias)
                .containsKey(alias.backend()));
        assertThat(data.alias("postgres")).hasValueSatisfying(alias -> assertThat(alias.hint())
                .contains("org.postgresql:postgresql"));
    }

    @Test
    void theBomManagesTheRootPomsOwnPublishedModulesAtItsVersion() throws Exception {
        Element root = read(Path.of("..", "pom.xml"));
        Element bom = read(Path.of("..", "session-bom", "pom.xml"));
        List<String> own = new ArrayList<>();
        for (Element dependency : managed(root)) {
            if (text(dependency, "groupId").equals("io.github.session4j")) {
                assertThat(text(dependency, "version")).isEqualTo("${project.version}");
                if (isPublished(text(dependency, "artifactId"))) {
                    own.add(text(dependency, "artifactId"));
                }
            }
        }
        assertThat(own).as("a test-support module is managed but not published").doesNotContain("session-test-servers");
        List<String> inBom = new ArrayList<>();
        for (Element dependency : managed(bom)) {
            inBom.add(text(dependency, "artifactId"));
            assertThat(text(dependency, "version")).isEqualTo("${project.version}");
        }

        assertThat(inBom).containsExactlyInAnyOrderElementsOf(own).contains("session-api", "session-mongo");
        assertThat(text(bom, "version")).isEqualTo(text(root, "version"));
    }

    private static Element read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    }

    /** Whether a module of this repository (its directory named as its artifact) is deployed. */
    private static boolean isPublished(String artifactId) throws Exception {
        Element pom = read(Path.of("..", artifactId, "pom.xml"));
        return children(pom).stream().filter(e -> e.getLocalName().equals("properties")).findFirst()
                .flatMap(properties -> children(properties).stream()
                        .filter(e -> e.getLocalName().equals("maven.deploy.skip")).findFirst())
                .map(skip -> !skip.getTextContent().trim().equals("true")).orElse(true);
    }

    private static List<Element> managed(Element pom) {
        return children(child(child(pom, "dependencyManagement"), "dependencies"));
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                children.add(e);
            }
        }
        return children;
    }

    private static Element child(Element parent, String name) {
        return children(parent).stream().filter(e -> e.getLocalName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no <" + name + "> in <" + parent.getLocalName() + ">"));
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent().trim();
    }
}
