import Foundation

/// The floor as anyone can reproduce it without Swift: a small C program that parses the same
/// bytes with the system libxml2 (`htmlReadMemory` + `xmlFreeDoc`, the files read into memory
/// before the clock starts), built with `cc` and `pkg-config libxml-2.0`.
enum CFloor {
    static let source = """
        /* Gongwen's speed floor: libxml2 parsing the benchmark's pages, nothing else. */
        #include <libxml/HTMLparser.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <time.h>

        /* libxml2 reports some errors (input conversion) even with HTML_PARSE_NOERROR. */
        static void quiet(void *context, const char *message, ...) { (void)context; (void)message; }

        int main(int argc, char **argv) {
            if (argc != 2) { fprintf(stderr, "usage: floor LIST\\n"); return 64; }
            xmlSetGenericErrorFunc(NULL, quiet);
            FILE *list = fopen(argv[1], "r");
            if (!list) { perror(argv[1]); return 1; }
            size_t count = 0, capacity = 1024;
            char **data = malloc(capacity * sizeof(char *));
            long *size = malloc(capacity * sizeof(long));
            char path[4096];
            while (fgets(path, sizeof path, list)) {
                path[strcspn(path, "\\n")] = 0;
                if (!*path) continue;
                FILE *file = fopen(path, "rb");
                if (!file) { perror(path); return 1; }
                if (count == capacity) {
                    capacity *= 2;
                    data = realloc(data, capacity * sizeof(char *));
                    size = realloc(size, capacity * sizeof(long));
                }
                fseek(file, 0, SEEK_END);
                size[count] = ftell(file);
                fseek(file, 0, SEEK_SET);
                data[count] = malloc(size[count] + 1);
                if (fread(data[count], 1, size[count], file) != (size_t)size[count]) { perror(path); return 1; }
                fclose(file);
                count++;
            }
            struct timespec start, end;
            clock_gettime(CLOCK_MONOTONIC, &start);
            for (size_t i = 0; i < count; i++) {
                htmlDocPtr doc = htmlReadMemory(data[i], (int)size[i], NULL, NULL,
                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
                if (doc) xmlFreeDoc(doc);
            }
            clock_gettime(CLOCK_MONOTONIC, &end);
            printf("%.6f\\n", (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9);
            return 0;
        }

        """

    struct BuildFailure: Error {
        var reason: String
    }

    /// Builds the program in `folder`; the reason when it cannot (no `cc`, no `pkg-config`).
    static func build(in folder: URL) -> Result<URL, BuildFailure> {
        let program = folder.appendingPathComponent("floor")
        let sourceFile = folder.appendingPathComponent("floor.c")
        do {
            try Data(source.utf8).write(to: sourceFile)
        } catch {
            return .failure(BuildFailure(reason: "cannot write \(sourceFile.path): \(error.localizedDescription)"))
        }
        let command = "cc -O2 '\(sourceFile.path)' $(pkg-config --cflags --libs libxml-2.0) -o '\(program.path)'"
        let (status, output) = Shell.run(command)
        return status == 0
            ? .success(program) : .failure(BuildFailure(reason: "cc failed: \(output.trimmingCharacters(in: .whitespacesAndNewlines))"))
    }

    /// The program's own timing of parsing `files`, in seconds: the best of three runs, as
    /// for the batch it is compared with.
    static func measure(_ program: URL, files: [URL], in folder: URL) -> Double? {
        let list = folder.appendingPathComponent("floor-files.txt")
        guard (try? Data(files.map(\.path).joined(separator: "\n").utf8).write(to: list)) != nil else { return nil }
        var best: Double?
        for _ in 1...3 {
            let (status, output) = Shell.run("'\(program.path)' '\(list.path)'")
            let last = output.split(separator: "\n").last.map(String.init) ?? ""
            guard status == 0, let seconds = Double(last.trimmingCharacters(in: .whitespaces)) else {
                print("libxml2 from C: the program failed (exit \(status)): \(output.prefix(200))")
                return nil
            }
            best = min(best ?? seconds, seconds)
        }
        return best
    }
}

/// A whole `gongwen batch --jobs 1` over the benchmark's pages: reading and hashing the files,
/// extraction, the JSON files, `tasks.csv`, `documents.csv` and the manifest — what a user's
/// batch costs, measured from outside by the wall clock.
enum BatchFloorRun {
    /// The `gongwen` binary built beside this benchmark.
    static var binary: URL? {
        let candidate = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("gongwen")
        return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
    }

    /// C floor / batch throughput on `files` alone: linked into a folder of their own, parsed
    /// by the C program and converted by a batch in the same run.
    static func ratio(on files: [URL], program: URL, in tools: URL) -> Double? {
        let folder = tools.appendingPathComponent("subset-pages")
        try? FileManager.default.removeItem(at: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        guard (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else { return nil }
        var linked: [URL] = []
        for file in files {
            let link = folder.appendingPathComponent(file.lastPathComponent)
            guard (try? FileManager.default.linkItem(at: file, to: link)) != nil else { return nil }
            linked.append(link)
        }
        guard let floor = CFloor.measure(program, files: linked, in: tools),
            let batch = measure(pages: folder, output: tools.appendingPathComponent("subset-out"))
        else { return nil }
        return floor / batch
    }

    /// The best of three batches, each into a new folder; the folders are removed only after
    /// the last run. (ext4 makes new files slower for minutes after thousands were deleted:
    /// removing a run's output before the next made the next up to a third slower.)
    static func measure(pages folder: URL, output: URL) -> Double? {
        guard let binary else { return nil }
        let outputs = (1...3).map { URL(fileURLWithPath: output.path + "-\($0)", isDirectory: true) }
        defer { for output in outputs { try? FileManager.default.removeItem(at: output) } }
        var best: Double?
        for output in outputs {
            try? FileManager.default.removeItem(at: output)
            let start = DispatchTime.now().uptimeNanoseconds
            let (status, _) = Shell.run("'\(binary.path)' batch '\(folder.path)' -o '\(output.path)' --jobs 1 --quiet")
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            guard status == 0 else { return nil }
            best = min(best ?? seconds, seconds)
        }
        return best
    }
}

enum Shell {
    /// Runs a command with `/bin/sh -c`; its exit status and standard output (and error).
    static func run(_ command: String) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            return (127, "\(error)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
