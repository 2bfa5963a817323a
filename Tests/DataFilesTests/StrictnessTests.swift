import Foundation
import LinearAlgebra
import Testing

@testable import DataFiles

/// Files the reference readers refuse are refused here too: a non-symmetric FID sigma, and safetensors
/// data with bytes no tensor covers (before, between or after tensors), as `safetensors.load_file` does.
@Suite struct StrictnessTests {
    @Test func refusesANonSymmetricSigma() {
        let message = TestFiles.loadError(TestFiles.fixture("fid_stats_asymmetric.npz"))
        #expect(
            message?.hasSuffix(
                "sigma is not symmetric: sigma[0, 1] = 0.5 but sigma[1, 0] = 0.2 (tolerance 1e-6 × the largest |sigma|); "
                    + "a covariance matrix must be symmetric") == true)
        // Round-off far inside the tolerance (1e-12 relative) is accepted.
        var sigma = Matrix<Double>(rows: 2, columns: 2, values: [2, 0.5, 0.5 + 1e-12, 1])
        #expect(throws: Never.self) { try NpzContents.checkSymmetric(sigma, path: "s.npz") }
        sigma = Matrix(rows: 2, columns: 2, values: [2, 0.5, 0.5 + 1e-5, 1])
        #expect(throws: DataFileError.self) { try NpzContents.checkSymmetric(sigma, path: "s.npz") }
    }

    static let oneTensor = #"{"a":{"dtype":"U8","shape":[2,1],"data_offsets":[0,2]}}"#

    @Test func refusesSafetensorsBytesNoTensorCovers() throws {
        #expect(try TestFiles.loadDataset(SafetensorsTests.file(json: Self.oneTensor, data: [1, 2])).values
            == Matrix(rowArrays: [[1], [2]]))
        let trailing = SafetensorsTests.file(json: Self.oneTensor, data: [1, 2, 9])
        #expect(TestFiles.loadError(trailing)?.hasSuffix(
            "has 1 bytes after the last tensor; the file is corrupt or not written by safetensors") == true)
        let gap = SafetensorsTests.file(
            json: #"{"a":{"dtype":"U8","shape":[2,1],"data_offsets":[1,3]}}"#, data: [0, 1, 2])
        #expect(TestFiles.loadError(gap)?.hasSuffix(
            "has 1 bytes before tensor 'a' that no tensor covers; the file is corrupt or not written by safetensors") == true)
    }
}
