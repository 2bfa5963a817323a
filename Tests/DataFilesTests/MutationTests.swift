import Foundation
import Testing

@testable import DataFiles

/// Every prefix and every single-byte corruption of the small binary fixtures must load or fail with
/// a DataFileError naming the file — never crash, hang or allocate from a corrupt size. (A cheap,
/// deterministic stand-in for the libFuzzer harnesses of issue 4.)
@Suite struct MutationTests {
    static let fixtures = [
        "float_f4_le.npy", "fortran_images.npy", "python2_header.npy", "version_3.npy", "labels_unicode.npy",
        "two_arrays.npz", "compressed_single.npz", "fid_stats.npz", "zip64.npz", "own_dataset.npz",
        "tensors.safetensors", "messy.csv",
    ]

    @Test(arguments: fixtures)
    func corruptedCopiesFailCleanly(name: String) throws {
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestFiles.fixture(name))))
        let directory = TestFiles.scratchDirectory()
        let path = directory + "/m." + (name.split(separator: ".").last.map(String.init) ?? "")
        var loaded = 0
        var failed = 0
        func check(_ bytes: [UInt8]) {
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            do {
                _ = try DataFileReader.load(path)
                loaded += 1
            } catch {
                #expect(error.path.hasPrefix(path), "\(error)")  // npz members are named PATH[KEY]
                failed += 1
            }
            if name.hasSuffix(".npz") || name.hasSuffix(".safetensors") {
                do {
                    _ = try DataFileReader.arrays(in: path)
                } catch {
                    #expect(error.path.hasPrefix(path), "\(error)")
                }
            }
        }
        for length in 0..<original.count { check(Array(original[0..<length])) }
        for position in 0..<original.count {
            for replacement in [original[position] ^ 0xFF, original[position] ^ 0x01] {
                var mutated = original
                mutated[position] = replacement
                check(mutated)
            }
        }
        #expect(failed >= original.count - 1, "every strict prefix of a binary file is incomplete")
        #expect(loaded + failed > original.count)
    }
}
