import GeoCore
import Testing

@Suite("PathName")
struct PathNameTests {
    @Test("the folder part of a path, as dirname without its '.', one-character names included")
    func parent() {
        for (path, parent) in [("k", ""), ("j", ""), ("q/Exports", "q"), ("a/b/", "a"), ("/k", "/"), ("/", "/"), ("", ""), ("a//b", "a"),
                               ("./k", "."), ("/tmp/x/y.csv", "/tmp/x"), ("~/out", "~")] {
            #expect(PathName.parent(of: path) == parent, "\(path)")
        }
    }
}
