import Foundation
import QSHShell

// The executable only picks the surface; everything else lives in the library layers.
let status = QSHMain.run(arguments: Array(CommandLine.arguments.dropFirst()))
exit(status)
