import Foundation
import GongwenExport
import GongwenTestSupport
import Testing

/// `gongwen batch` and `gongwen extract --stream`, run as a user or a cluster would.
struct BatchCommandTests {
    private let cli = CLITests()

    /// A folder of inputs: the samples, a copy in another folder, a broken file, a text file.
    private func makeInputs() throws -> String {
        let directory = try cli.temporaryDirectory()
        let pages = directory + "/in/pages"
        try FileManager.default.createDirectory(atPath: pages + "/more", withIntermediateDirectories: true)
        for name in ["seed.txt", "seed-portal.utf8.html", "seed-portal.gbk.html"] {
            try FileManager.default.copyItem(atPath: Paths.sample(name), toPath: pages + "/" + name)
        }
        try FileManager.default.copyItem(atPath: Paths.sample("seed-portal.gbk.html"), toPath: pages + "/more/copy.htm")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]).write(to: URL(fileURLWithPath: pages + "/broken.html"))
        try Data("关于开展检查的通知\n1.开展检查。（牵头单位：市财政局；完成时限：2019年9月底前）\n".utf8)
            .write(to: URL(fileURLWithPath: pages + "/more/short.txt"))
        return directory
    }

    @Test func convertsAFolderAndReportsTheBadFile() throws {
        let directory = try makeInputs()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try cli.run(["batch", "in", "--output", "out", "--jobs", "2"], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("6 documents: 5 converted, 0 current, 1 failed, 3 duplicates; 185 tasks"))
        let out = directory + "/out"
        let files = try FileManager.default.subpathsOfDirectory(atPath: out).filter { $0.hasSuffix(".json") }.sorted()
        #expect(
            files == [
                "in/pages/more/copy.htm.json", "in/pages/more/short.txt.json", "in/pages/seed-portal.gbk.html.json",
                "in/pages/seed-portal.utf8.html.json", "in/pages/seed.txt.json",
            ])
        let errors = try String(contentsOfFile: out + "/errors.jsonl", encoding: .utf8)
        #expect(
            errors
                == "{\"file\":\"in/pages/broken.html\",\"message\":\"in/pages/broken.html: not a notice: the bytes are a PNG image\",\"stage\":\"extract\"}\n"
        )
        let documents = try String(contentsOfFile: out + "/documents.csv", encoding: .utf8).split(separator: "\n")
        #expect(documents[0] == "input,output,status,title,tasks,encoding,duplicate_of,attachment_of")
        #expect(documents[1] == "in/pages/broken.html,,failed,,,,,")
        #expect(documents[2].hasSuffix(",converted,蜀山区人民政府办公室关于印发2017年蜀山区政务公开政务服务工作要点的通知,46,gb18030,,"))
        #expect(documents[4].hasSuffix(",gb18030,in/pages/more/copy.htm,"))
        let tasks = try String(contentsOfFile: out + "/tasks.csv", encoding: .utf8)
        #expect(tasks.hasPrefix("document,section,number,text,lead,support,responsible,deadline_raw,deadline_kind,due,task_id\n"))
        #expect(!(try FileManager.default.subpathsOfDirectory(atPath: out)).contains { $0.contains(".tmp-") })
    }

    @Test func outputBytesDoNotDependOnJobsAndRerunsSkipCurrentOutputs() throws {
        let directory = try makeInputs()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try cli.run(["batch", "in", "-o", "one", "-j", "1", "-q"], in: directory)
        _ = try cli.run(["batch", "in", "-o", "two", "-j", "4", "-q"], in: directory)
        for file in try FileManager.default.subpathsOfDirectory(atPath: directory + "/one").sorted() where file.contains(".") {
            #expect(
                FileManager.default.contents(atPath: directory + "/one/" + file)
                    == FileManager.default.contents(atPath: directory + "/two/" + file), "\(file)")
        }
        let rerun = try cli.run(["batch", "in", "-o", "one"], in: directory)
        #expect(rerun.stderr.contains("6 documents: 0 converted, 5 current, 1 failed"))
        let forced = try cli.run(["batch", "in", "-o", "one", "--force"], in: directory)
        #expect(forced.stderr.contains("6 documents: 5 converted, 0 current, 1 failed"))
    }

    /// A rerun takes current outputs' rows from `manifest.jsonl` (no output decoded), writes
    /// the same bytes, redoes an output edited since, and without a manifest decodes the outputs
    /// as before and writes the manifest again.
    @Test func aRerunReusesTheManifestAndNoticesAnEditedOutput() throws {
        let directory = try makeInputs()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try cli.run(["batch", "in", "-o", "out", "-q"], in: directory)
        func read(_ name: String) -> Data? { FileManager.default.contents(atPath: directory + "/out/" + name) }
        let tasks = read("tasks.csv")
        let manifest = try #require(read("manifest.jsonl"))
        let lines = String(decoding: manifest, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 6, "five outputs and the tasks.csv trailer")
        #expect(lines.last?.hasPrefix("{\"tasksCSV\":{") == true)

        let rerun = try cli.run(["batch", "in", "-o", "out"], in: directory)
        #expect(rerun.stderr.contains("6 documents: 0 converted, 5 current, 1 failed"))
        #expect(read("tasks.csv") == tasks)
        #expect(read("manifest.jsonl") == manifest)

        // An output deleted since is written again; one changed since is not taken from the
        // manifest but read (the rows follow the file on disk), and the manifest records it.
        try FileManager.default.removeItem(atPath: directory + "/out/in/pages/seed-portal.utf8.html.json")
        let edited = directory + "/out/in/pages/seed.txt.json"
        try Data((try #require(FileManager.default.contents(atPath: edited))) + Data(" ".utf8)).write(to: URL(fileURLWithPath: edited))
        let redo = try cli.run(["batch", "in", "-o", "out"], in: directory)
        #expect(redo.stderr.contains("6 documents: 1 converted, 4 current, 1 failed"))
        #expect(read("tasks.csv") == tasks)
        #expect(read("manifest.jsonl") != manifest)
        try Data((try #require(FileManager.default.contents(atPath: edited))).dropLast()).write(to: URL(fileURLWithPath: edited))

        // No manifest (a folder written before there was one): outputs are decoded, the manifest comes back.
        try FileManager.default.removeItem(atPath: directory + "/out/manifest.jsonl")
        let decoded = try cli.run(["batch", "in", "-o", "out"], in: directory)
        #expect(decoded.stderr.contains("6 documents: 0 converted, 5 current, 1 failed"))
        #expect(read("manifest.jsonl") == manifest)
    }

    /// A page saved with its attachments: the attachments are read with it (its 46 tasks), are
    /// no notices of their own (`attachment_of`), and a file no page links is one.
    @Test func attachmentsAreReadWithTheirPage() throws {
        let directory = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let office = Paths.repository + "/Tests/Fixtures/office"
        try FileManager.default.createDirectory(atPath: directory + "/in", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: office + "/linked-seed", toPath: directory + "/in/notice")
        try FileManager.default.copyItem(atPath: office + "/sheets.xlsx", toPath: directory + "/in/notice/attachments/unlinked.xlsx")
        let result = try cli.run(["batch", "in", "-o", "out"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("2 documents: 2 converted"))
        let documents = try String(contentsOfFile: directory + "/out/documents.csv", encoding: .utf8).split(separator: "\n").map(
            String.init)
        #expect(documents.count == 5)
        #expect(documents[1].hasPrefix("in/notice/page.html,in/notice/page.html.json,converted,") && documents[1].contains(",46,"))
        #expect(documents[2] == "in/notice/attachments/seed-annex1.docx,,attachment,,,,,in/notice/page.html")
        #expect(documents[3] == "in/notice/attachments/seed-annex2.docx,,attachment,,,,,in/notice/page.html")
        #expect(documents[4].hasPrefix("in/notice/attachments/unlinked.xlsx,in/notice/attachments/unlinked.xlsx.json,converted,"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/out/in/notice/attachments/seed-annex1.docx.json"))
        // A rerun is current, the attachments still claimed.
        let rerun = try cli.run(["batch", "in", "-o", "out"], in: directory)
        #expect(rerun.stderr.contains("2 documents: 0 converted, 2 current"))
        #expect(
            try String(contentsOfFile: directory + "/out/documents.csv", encoding: .utf8).contains(",attachment,,,,,in/notice/page.html"))
    }

    @Test func aGazetteerAddsCanonicalUnitsAndAChangedOneRedoesTheOutputs() throws {
        let directory = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.copyItem(atPath: Paths.sample("seed.txt"), toPath: directory + "/seed.txt")
        let gazetteer = ["--gazetteer", Paths.repository + "/samples/gazetteer.yaml"]
        let output = directory + "/out/seed.txt.json"

        #expect(try cli.run(["batch", "seed.txt", "-o", "out", "-q"] + gazetteer, in: directory).status == 0)
        let written = try JSONImporter.document(Array(Data(contentsOf: URL(fileURLWithPath: output))))
        let fgw = written.tasks.flatMap(\.units).filter { $0.name.hasPrefix("区发改局") }
        #expect(!fgw.isEmpty && fgw.allSatisfy { $0.canonical?.name == "区发展和改革局" })

        let again = try cli.run(["batch", "seed.txt", "-o", "out"] + gazetteer, in: directory)
        #expect(again.stderr.contains("0 converted, 1 current"), "same gazetteer: current")
        let plain = try cli.run(["batch", "seed.txt", "-o", "out"], in: directory)
        #expect(plain.stderr.contains("1 converted, 0 current"), "no gazetteer now: redone")
        #expect(!(try String(contentsOfFile: output, encoding: .utf8)).contains("\"canonical\""))

        let extract = try cli.run(["extract", "seed.txt"] + gazetteer, in: directory)
        #expect(extract.stdout.contains("\"canonical\" : {"))
    }

    @Test func inputsFromAListAndGlobsStayInsideTheOutput() throws {
        let directory = try makeInputs()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let list = "in/pages/seed.txt\n# a comment\n\(directory)/in/pages/more/short.txt\n"
        let result = try cli.run(
            ["batch", "--from-list", "-", "in/pages/*.html", "-o", "out", "-q"], stdin: Array(list.utf8), in: directory)
        #expect(result.status == 1)
        let files = try FileManager.default.subpathsOfDirectory(atPath: directory + "/out").filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.count == 4)
        #expect(files.allSatisfy { !$0.hasPrefix("/") && !$0.contains("..") })
        #expect(files.contains { $0.hasSuffix("in/pages/more/short.txt.json") && $0.hasPrefix("tmp/") })
    }

    @Test func webArchivesGiveOneInputPerHTMLResponse() throws {
        let directory = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let page = try Paths.bytes(Paths.sample("seed-portal.gbk.html"))
        func record(_ type: String, _ uri: String, _ block: [UInt8]) -> [UInt8] {
            Array(
                "WARC/1.0\r\nWARC-Type: \(type)\r\nWARC-Target-URI: \(uri)\r\nWARC-Date: 2019-03-01T08:00:00Z\r\nContent-Length: \(block.count)\r\n\r\n"
                    .utf8) + block + Array("\r\n\r\n".utf8)
        }
        let response = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=GBK\r\n\r\n".utf8) + page
        let archive =
            record("warcinfo", "", Array("software: test\r\n".utf8))
            + record("request", "http://example.gov.cn/a.htm", Array("GET /a.htm HTTP/1.1\r\n\r\n".utf8))
            + record("response", "http://example.gov.cn/a.htm", response)
            + record("response", "http://example.gov.cn/logo.png", Array("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG".utf8))
        try Data(archive).write(to: URL(fileURLWithPath: directory + "/crawl.warc"))
        // The same archive gzipped, one member per record as crawlers write it.
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -c crawl.warc > crawl.warc.gz"]
        gzip.currentDirectoryURL = URL(fileURLWithPath: directory)
        try gzip.run()
        gzip.waitUntilExit()
        let result = try cli.run(["batch", "crawl.warc", "crawl.warc.gz", "-o", "out", "-q"], in: directory)
        #expect(result.status == 0)
        let json = try String(contentsOfFile: directory + "/out/crawl.warc.gz/record-000003.json", encoding: .utf8)
        #expect(json.contains("\"url\" : \"http://example.gov.cn/a.htm\""))
        #expect(json.contains("\"archivedAt\" : \"2019-03-01T08:00:00Z\""))
        #expect(json.contains("\"encodingEvidence\" : \"declared:hint\""))
        #expect(FileManager.default.fileExists(atPath: directory + "/out/crawl.warc/record-000003.json"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/out/crawl.warc/record-000004.json"))
    }

    /// A page and the Word files it links, archived as records of one WARC: the links resolve
    /// against the page's URL to the records, which are read with it (its 46 tasks, the ids
    /// of the folder-saved page) and listed as its attachments; an archived file no page
    /// links is a notice of its own.
    @Test func webArchiveAttachmentsAreReadWithTheirPage() throws {
        let directory = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let office = Paths.repository + "/Tests/Fixtures/office/"
        func record(_ uri: String, _ type: String, _ body: [UInt8]) -> [UInt8] {
            let block = Array("HTTP/1.1 200 OK\r\nContent-Type: \(type)\r\n\r\n".utf8) + body
            return Array(
                "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: \(uri)\r\nWARC-Date: 2019-03-01T08:00:00Z\r\nContent-Length: \(block.count)\r\n\r\n"
                    .utf8) + block + Array("\r\n\r\n".utf8)
        }
        let docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        let base = "http://www.example.gov.cn/xxgk/2017/"
        let archive =
            record(base + "page.html", "text/html; charset=utf-8", try Paths.bytes(office + "linked-seed/page.html"))
            + record(base + "attachments/seed-annex1.docx", docx, try Paths.bytes(office + "seed-annex1.docx"))
            + record(base + "attachments/seed-annex2.docx", "application/octet-stream", try Paths.bytes(office + "seed-annex2.docx"))
            + record(base + "other/sheets.xlsx", "application/vnd.ms-excel", try Paths.bytes(office + "sheets.xlsx"))
        try Data(archive).write(to: URL(fileURLWithPath: directory + "/crawl.warc"))
        let result = try cli.run(["batch", "crawl.warc", "-o", "out"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let documents = try String(contentsOfFile: directory + "/out/documents.csv", encoding: .utf8).split(separator: "\n").map(
            String.init)
        #expect(documents.count == 5)
        #expect(documents[1].hasPrefix("crawl.warc#record-1,crawl.warc/record-000001.json,converted,") && documents[1].contains(",46,"))
        #expect(documents[2] == "crawl.warc#record-2,,attachment,,,,,crawl.warc#record-1")
        #expect(documents[3] == "crawl.warc#record-3,,attachment,,,,,crawl.warc#record-1")
        #expect(documents[4].hasPrefix("crawl.warc#record-4,crawl.warc/record-000004.json,converted,"))
        let page = try JSONImporter.document(try Paths.bytes(directory + "/out/crawl.warc/record-000001.json"))
        #expect(page.source.attachments.map(\.path) == [base + "attachments/seed-annex1.docx", base + "attachments/seed-annex2.docx"])
        let folderSaved = try cli.run(["extract", office + "linked-seed/page.html"], in: directory)
        #expect(page.tasks.map(\.id) == (try JSONImporter.document(Array(folderSaved.stdout.utf8))).tasks.map(\.id))
        // A rerun over the unchanged archive is current, its attachments still claimed.
        let rerun = try cli.run(["batch", "crawl.warc", "-o", "out"], in: directory)
        #expect(rerun.stderr.contains("0 converted, 2 current"), "\(rerun.stderr)")
    }

    /// Starts a batch over 150 pages and returns it once `outputs` documents are written: the
    /// signal then comes while work is still in progress, whatever the machine's speed.
    private func batchInProgress(_ directory: String, outputs: Int) throws -> Process {
        try FileManager.default.createDirectory(atPath: directory + "/in", withIntermediateDirectories: true)
        let page = try Paths.bytes(Paths.sample("seed-portal.utf8.html"))
        for index in 0..<150 {
            try Data(page + Array("<!-- \(index) -->".utf8)).write(to: URL(fileURLWithPath: directory + "/in/p\(index).html"))
        }
        let binary = try #require(CLITests.binary)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["batch", "in", "-o", "out", "-q", "-j", "2"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning {
            let written = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/out/in")) ?? []
            if written.filter({ $0.hasSuffix(".json") && !$0.hasPrefix(".") }).count >= outputs { break }
            Thread.sleep(forTimeInterval: 0.005)
        }
        #expect(process.isRunning, "the batch finished before it could be interrupted")
        return process
    }

    /// Hidden files (temporaries) anywhere under the output folder.
    private func hiddenFiles(_ directory: String) -> [String] {
        ((try? FileManager.default.subpathsOfDirectory(atPath: directory + "/out")) ?? [])
            .filter { $0.split(separator: "/").last?.hasPrefix(".") ?? false }
    }

    @Test func aKilledRunLeavesNoHalfWrittenFileAndARerunCleansUpAndFinishes() throws {
        let directory = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let process = try batchInProgress(directory, outputs: 10)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let written = (try? FileManager.default.subpathsOfDirectory(atPath: directory + "/out")) ?? []
        for file in written where file.hasSuffix(".json") && !file.hasPrefix(".") && !file.contains("/.") {
            let data = try #require(FileManager.default.contents(atPath: directory + "/out/" + file))
            #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "half-written \(file)")
        }
        // kill -9 cannot be caught: the summary files' temporaries stay until the rerun.
        #expect(hiddenFiles(directory).contains(".tasks.csv.tmp-\(process.processIdentifier)"))
        let rerun = try cli.run(["batch", "in", "-o", "out"], in: directory)
        #expect(rerun.status == 0)
        #expect(rerun.stderr.contains("150 documents:"))
        #expect(rerun.stderr.contains(" 0 failed"))
        #expect(hiddenFiles(directory) == [], "the rerun left the killed run's temporaries")
    }

    @Test func anInterruptedRunRemovesItsTemporariesAndSaysSo() throws {
        let directory = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let process = try batchInProgress(directory, outputs: 10)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(hiddenFiles(directory) == [])
        let rerun = try cli.run(["batch", "in", "-o", "out", "-q"], in: directory)
        #expect(rerun.status == 0)
    }

    /// A named input that does not exist is a failed input: exit 1, and the summary says so.
    @Test func aMissingInputIsCountedAsFailed() throws {
        let directory = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try cli.run(["batch", "missing-dir", "-o", "out"], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("gongwen: error: missing-dir: no such file, folder or match"))
        #expect(result.stderr.contains("1 failed (1 not found)"))
    }

    @Test func streamModeAnswersEveryLineInOrder() throws {
        let lines = """
            {"id": 1, "path": "samples/seed.txt"}
            not json
            {"id": "x", "text": "关于开展检查的通知\\n1.市财政局牵头，2019年9月底前完成。"}
            {"id": 3, "path": "nope.html"}
            {"id": 4, "html_base64": "\(try Data(Paths.bytes(Paths.sample("seed-portal.gbk.html"))).base64EncodedString())"}
            """
        let result = try cli.run(["extract", "--stream"], stdin: Array((lines + "\n").utf8))
        #expect(result.status == 0)
        let out = result.stdout.split(separator: "\n")
        #expect(out.count == 5)
        #expect(out[0].hasPrefix("{\"id\":1,\"result\":{"))
        #expect(out[1] == "{\"error\":{\"message\":\"not a JSON object\",\"stage\":\"input\"},\"id\":null}")
        #expect(out[2].hasPrefix("{\"id\":\"x\",\"result\":{"))
        #expect(out[3] == "{\"error\":{\"message\":\"nope.html: cannot read: No such file or directory\",\"stage\":\"extract\"},\"id\":3}")
        #expect(out[4].contains("\"encoding\":\"gb18030\""))
    }
}

/// Every reading limit is an option with a safe default; exceeding one is said, by name.
struct LimitOptionTests {
    private let cli = CLITests()

    @Test func limitsAreOptionsAndExceedingOneIsSaid() throws {
        let tooBig = try cli.run(["extract", "samples/seed.txt", "--max-bytes", "1000"])
        #expect(tooBig.status == 1)
        #expect(tooBig.stderr.contains("samples/seed.txt: 38355 bytes is over the limit of 1000 bytes"))
        let table = try cli.run(["extract", "samples/seed-portal.utf8.html", "--max-table-cells", "100"])
        #expect(table.status == 0)
        #expect(table.stderr.contains("cells is over the limit of 100; its cells are read as paragraphs [table-too-large]"))
        let deep = try cli.run(["extract", "samples/seed-portal.utf8.html", "--max-depth", "4"])
        #expect(deep.stderr.contains("elements nested deeper than 4 levels were read as text (--max-depth) [depth-limit]"))
        #expect(try cli.run(["extract", "samples/seed.txt", "--max-depth", "0"]).status == 64)
        let help = try cli.run(["batch", "--help"])
        #expect(help.stdout.contains("--max-table-cells <max-table-cells>"))
    }
}
