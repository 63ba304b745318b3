import Foundation
import QSHShell

// The executable only picks the surface; everything else lives in the library layers.
// A reader closing our stdout early must not kill us with SIGPIPE before artifacts are done.
signal(SIGPIPE, SIG_IGN)
let status = QSHMain.run(arguments: Array(CommandLine.arguments.dropFirst()))
exit(status)
