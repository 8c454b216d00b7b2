import ArgumentParser
import GongwenExport

/// The `gongwen` command: published Chinese government notices in, structured tasks out.
@main
struct GongwenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gongwen",
        abstract: "Turn published Chinese government notices (公文) into structured tasks.",
        discussion: """
            Reads saved notice pages (HTML in any common encoding) or plain text, finds the \
            notice's metadata, its numbered outline and the tasks it assigns (units, roles, \
            deadlines), and writes JSON or CSV.

            Exit status: 0 every input was read; 1 at least one input failed (the others are \
            still written); 2 --strict and some input had warnings; 64 bad usage.
            """,
        version: GongwenVersion.current,
        subcommands: [
            Extract.self, Batch.self, Outline.self, Blocks.self, Verify.self, Diff.self, Units.self, Calendar.self, Report.self,
            Cues.self, Store.self, Tasks.self, Fetch.self, Crawl.self,
        ],
        defaultSubcommand: Extract.self
    )
}
