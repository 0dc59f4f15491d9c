package io.github.dbmig.maven.build;

import io.github.dbmig.config.Flag;
import io.github.dbmig.config.PropertyCheck;
import io.github.dbmig.log.Log;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.dbmig.config.Values.blankToNull;

/**
 * The command line's {@code -D} properties as a dbmig goal sees them, gathered from Maven for the core's
 * {@link PropertyCheck} and {@link Flag}: the property names every goal of this plugin reads (from its descriptor), the
 * {@code dbmig.*} properties the pom defines or refers to, and where a yes-or-no value was written.
 *
 * @param user          the session's user properties ({@code -D})
 * @param project       the project, for the properties its pom defines and refers to
 * @param plugin        this plugin, for the properties its goals read
 * @param pluginContext what the goals of this plugin share within one project's build, for warning once per key
 */
public record CommandLine(
        Properties user, MavenProject project, PluginDescriptor plugin, Map<String, Object> pluginContext) {

    private static final Pattern REFERENCE =
            Pattern.compile("\\$\\{(" + Pattern.quote(PropertyCheck.PREFIX) + "[^}]+)}");
    private static final String WARNED = "dbmig.warnedProperties";

    /**
     * Fails naming every {@code -Ddbmig.*} typo, and warns once in this project's build for each other unknown key.
     *
     * @param declaredIds the {@code <database>} ids as written
     */
    public void check(List<String> declaredIds, Log log) {
        if (user == null) {
            return;
        }
        List<String> warnings =
                new PropertyCheck(read(), declaredIds, pomProperties()).check(user.stringPropertyNames());
        warnings.stream().filter(warned()::add).forEach(log::warn);
    }

    /**
     * A yes-or-no parameter: {@code true} or {@code false} in any case, null when blank; anything else fails naming
     * {@code -D<property>=<value>} when the command line gave it, else the pom's element.
     */
    public Boolean flag(String value, String property, String element) {
        return Flag.parse(value, v -> {
            if (user != null && v.equals(blankToNull(user.getProperty(property)))) {
                return "-D" + property + "=" + v;
            }
            if (project != null && v.equals(blankToNull(project.getProperties().getProperty(property)))) {
                return "<" + property + ">" + v + "</" + property + "> in the pom's <properties>";
            }
            return "<" + element + ">" + v + "</" + element + ">";
        });
    }

    /** A yes-or-no parameter that is false by default: true only when it says true. */
    public boolean isTrue(String value, String property, String element) {
        return Boolean.TRUE.equals(flag(value, property, element));
    }

    /** The property of every parameter of every goal of this plugin, the deprecated names included. */
    private Set<String> read() {
        Set<String> names = new TreeSet<>();
        if (plugin == null || plugin.getMojos() == null) {
            return names;
        }
        for (MojoDescriptor mojo : plugin.getMojos()) {
            for (Parameter parameter : mojo.getParameters() == null ? List.<Parameter>of() : mojo.getParameters()) {
                String expression = parameter.getExpression();
                if (expression != null && expression.startsWith("${") && expression.endsWith("}")) {
                    names.add(expression.substring(2, expression.length() - 1));
                }
            }
        }
        return names;
    }

    /** The {@code dbmig.*} properties the pom (or a parent pom on disk) defines in its properties or refers to. */
    private Set<String> pomProperties() {
        Set<String> names = new TreeSet<>();
        for (MavenProject p = project; p != null; p = p.getParent()) {
            p.getProperties().stringPropertyNames().stream()
                    .filter(name -> name.regionMatches(true, 0, PropertyCheck.PREFIX, 0, PropertyCheck.PREFIX.length()))
                    .forEach(names::add);
            File pom = p.getFile();
            if (pom != null && pom.isFile()) {
                try {
                    Matcher matcher = REFERENCE.matcher(Files.readString(pom.toPath(), StandardCharsets.UTF_8));
                    while (matcher.find()) {
                        names.add(matcher.group(1));
                    }
                } catch (IOException | RuntimeException e) {
                    // an unreadable pom refers to nothing we can see; its keys are then merely warned about
                }
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private Set<String> warned() {
        if (pluginContext == null) {
            return ConcurrentHashMap.newKeySet();
        }
        return (Set<String>) pluginContext.computeIfAbsent(WARNED, key -> ConcurrentHashMap.<String>newKeySet());
    }
}
