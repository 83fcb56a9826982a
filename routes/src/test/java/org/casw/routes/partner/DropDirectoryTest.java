package org.casw.routes.partner;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the gateway reads from and writes into a directory a party shares with it. */
class DropDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void onlyARegularFileDirectlyInsideIsRead() throws Exception {
        Path inbox = Files.createDirectories(temp.resolve("inbox"));
        Path key = Files.writeString(temp.resolve("signing-key.pem"), "SECRET");
        DropDirectory drop = new DropDirectory(inbox);

        assertThat(drop.whyNotRegular(Files.writeString(inbox.resolve("declaration.xml"), "<x/>"))).isEmpty();
        assertThat(drop.whyNotRegular(Files.createSymbolicLink(inbox.resolve("key.xml"), key))).contains("it is a symbolic link");
        assertThat(drop.whyNotRegular(Files.createLink(inbox.resolve("hard.xml"), key))).contains("it is a hard link to another file");
        assertThat(drop.whyNotRegular(Files.createDirectories(inbox.resolve("folder")))).contains("it is not a regular file");
        assertThat(drop.whyNotRegular(key)).contains("it resolves outside the drop directory");
    }

    @Test
    void aFileIsReadUpToTheLimitAndNoFurther() throws Exception {
        Path inbox = Files.createDirectories(temp.resolve("inbox"));
        Path file = Files.write(inbox.resolve("d.xml"), "0123456789".getBytes(StandardCharsets.UTF_8));
        DropDirectory drop = new DropDirectory(inbox);

        assertThat(drop.read(file, 10)).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("0123456789"));
        assertThat(drop.read(file, 9)).isEmpty();
    }

    @Test
    void nothingIsWrittenThroughADirectoryThatIsALink() throws Exception {
        Path elsewhere = Files.createDirectories(temp.resolve("gateway-data"));
        Path receipts = Files.createSymbolicLink(temp.resolve(".receipts"), elsewhere);

        assertThatThrownBy(() -> new DropDirectory(receipts).write("a.xml.receipt.xml", new byte[] {1}))
                .hasMessageContaining("symbolic link");
        try (var files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
    }
}
