import Foundation
import Incidents
import Testing
import TestSupport

/// `.csv.gz` and `.zip` read as ACLED downloads come (issue 36): the same rows as the plain file, errors naming the
/// archive, the inflated size bounded.
@Suite("Compressed incident files")
struct CompressedInputTests {
    static let sample = SharedData.repositoryRoot.appendingPathComponent("Tests/IncidentsTests/Fixtures/acled-haiti-sample.csv").path

    static func ids(_ path: String, environment: [String: String] = [:]) throws -> [String] {
        var out: [String] = []
        _ = try IncidentSource.read(path: path) { out.append($0.id) }
        return out
    }

    static func python(_ script: String, _ args: [String]) throws {
        let r = try runProcess("python3", ["-c", script] + args)
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test("gzip (one member and concatenated members), zip with one table among other files: the plain file's rows")
    func same() throws {
        let dir = try SharedData.temporaryDirectory("compressed").path
        let plain = try Self.ids(Self.sample)
        #expect(plain.count > 5)
        try Self.python("import gzip,sys; d=open(sys.argv[1],'rb').read(); open(sys.argv[2],'wb').write(gzip.compress(d)); h=len(d)//2; open(sys.argv[3],'wb').write(gzip.compress(d[:h])+gzip.compress(d[h:]))",
                        [Self.sample, dir + "/a.csv.gz", dir + "/two.csv.gz"])
        #expect(try Self.ids(dir + "/a.csv.gz") == plain)
        #expect(try Self.ids(dir + "/two.csv.gz") == plain)
        try Self.python("import zipfile,sys; z=zipfile.ZipFile(sys.argv[2],'w',zipfile.ZIP_DEFLATED); z.write(sys.argv[1],'export/haiti.csv'); z.writestr('README.txt','terms'); z.close(); s=zipfile.ZipFile(sys.argv[3],'w',zipfile.ZIP_STORED); s.write(sys.argv[1],'haiti.csv'); s.close()",
                        [Self.sample, dir + "/a.zip", dir + "/stored.zip"])
        #expect(try Self.ids(dir + "/a.zip") == plain)
        #expect(try Self.ids(dir + "/stored.zip") == plain)
        // Read in parts (the export's path) the same.
        var parted: [String] = []
        _ = try IncidentSource.readInParts(path: dir + "/a.csv.gz", parts: 2, minimumBytes: 1) { _, i in parted.append(i.id) }
        #expect(parted.sorted() == plain.sorted())
    }

    @Test("a cut download, a damaged stream, an archive of two tables and one inflating past the bound are refused, naming the file")
    func refused() throws {
        let dir = try SharedData.temporaryDirectory("compressed-bad").path
        try Self.python("""
        import gzip,zipfile,sys
        d=open(sys.argv[1],'rb').read(); g=gzip.compress(d)
        open(sys.argv[2]+'/cut.csv.gz','wb').write(g[:len(g)//2])
        b=bytearray(g); b[40]^=0xFF; b[41]^=0xFF; open(sys.argv[2]+'/bad.csv.gz','wb').write(bytes(b))
        z=zipfile.ZipFile(sys.argv[2]+'/two.zip','w'); z.writestr('a.csv',d); z.writestr('b.csv',d); z.close()
        open(sys.argv[2]+'/bomb.csv.gz','wb').write(gzip.compress(b'0'*(20<<20)))
        """, [Self.sample, dir])
        func message(_ name: String) -> String {
            do { _ = try Self.ids(dir + "/" + name); return "" } catch { return "\(error)" }
        }
        #expect(message("cut.csv.gz").contains("cut.csv.gz") && message("cut.csv.gz").contains("ends too early"))
        #expect(message("bad.csv.gz").contains("damaged"))
        #expect(message("two.zip").contains("holds 2 tables"))
        setenv("INCIDENTMAP_MAX_DECOMPRESSED_BYTES", "1000000", 1)
        defer { unsetenv("INCIDENTMAP_MAX_DECOMPRESSED_BYTES") }
        let bomb = message("bomb.csv.gz")
        #expect(bomb.contains("bomb.csv.gz") && bomb.contains("refused"), "\(bomb)")
    }
}
