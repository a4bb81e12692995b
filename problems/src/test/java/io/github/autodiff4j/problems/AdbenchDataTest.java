package io.github.autodiff4j.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How {@link AdbenchData} finds the data folder. */
class AdbenchDataTest {

    /** -Dadbench.dir overrides the search, and a folder without the data is an error naming the property. */
    @Test
    void dataDirectoryFromProperty() {
        Path found = AdbenchData.directory();
        String before = System.getProperty(AdbenchData.PROPERTY);
        try {
            System.setProperty(AdbenchData.PROPERTY, found.toString());
            assertEquals(found, AdbenchData.directory());
            System.setProperty(
                    AdbenchData.PROPERTY, found.resolve("no-such-folder").toString());
            IllegalStateException e = assertThrows(IllegalStateException.class, AdbenchData::directory);
            assertTrue(e.getMessage().contains(AdbenchData.PROPERTY), e::getMessage);
        } finally {
            if (before == null) {
                System.clearProperty(AdbenchData.PROPERTY);
            } else {
                System.setProperty(AdbenchData.PROPERTY, before);
            }
        }
    }
}
