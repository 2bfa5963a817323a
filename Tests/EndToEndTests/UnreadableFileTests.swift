import Foundation
import Testing
import TestSupport

/// A file without read permission gives "permission denied". Root reads anything, and CI runs as root,
/// so there the binary runs as `nobody` through setpriv: the assertion runs on every machine.
@Suite struct UnreadableFileTests {
    @Test func unreadableFilesAreReportedAsSuch() throws {
        let directory = RepositoryPaths.temporaryDirectory("modescope-e2e-unreadable")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        let locked = directory.appendingPathComponent("locked.npy")
        try FileManager.default.copyItem(at: RepositoryPaths.datasets.appendingPathComponent("ring_real.npy"), to: locked)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
        let nobody = "65534"
        let launcher = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups"] : []
        let environment = ["HOME": directory.path]
        for (command, name) in [("load x locked.npy", "load"), ("source locked.npy", "source")] {
            let result = try BinaryRunner.run(["-X", "-c", command], directory: directory, environment: environment, launcher: launcher)
            #expect(result.status == 1, "\(name)")
            #expect(result.errors == "-c:1: error: locked.npy: permission denied\n", "\(name): \(result.errors)")
        }
    }
}
