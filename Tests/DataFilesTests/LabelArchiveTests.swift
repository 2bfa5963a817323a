import LinearAlgebra
import Testing

@testable import DataFiles

/// labels= given as an .npz/.safetensors file or as a member of the data archive, and binary text files.
@Suite struct LabelArchiveTests {
    static let catDog = Labels(values: ["cat", "dog", "cat"])

    @Test func takesTheLabelsMemberOfAnNpz() throws {
        var options = LoadOptions(labels: TestFiles.fixture("labels_member.npz"))
        let dataset = try TestFiles.loadDataset(TestFiles.fixture("float_f4_le.npy"), options: options)
        #expect(dataset.labels == Self.catDog)
        options.labels = TestFiles.fixture("labels_only_member.npz")
        let integers = try TestFiles.loadDataset(TestFiles.fixture("float_f4_le.npy"), options: options)
        #expect(integers.labels == Labels(values: ["3", "10", "3"]))
    }

    @Test func labelKeyPicksAMember() throws {
        var options = LoadOptions(labels: TestFiles.fixture("features_and_labels.npz"), key: "x")
        options.labelKey = "y"
        let dataset = try TestFiles.loadDataset(TestFiles.fixture("features_and_labels.npz"), options: options)
        #expect(dataset.values == NpyReaderTests.base)
        #expect(dataset.labels == Self.catDog)
        options.labelKey = "z"
        #expect(
            TestFiles.loadError(TestFiles.fixture("features_and_labels.npz"), options: options)?
                .hasSuffix("features_and_labels.npz: has no member 'z'; members: x, y") == true)
    }

    @Test func severalMembersWithoutLabelsNeedLabelKey() {
        let options = LoadOptions(labels: TestFiles.fixture("two_arrays.npz"))
        #expect(
            TestFiles.loadError(TestFiles.fixture("float_f4_le.npy"), options: options)?
                .hasSuffix("holds several arrays (first, second) and none is named labels; pick one with label_key=NAME")
                == true)
    }

    /// `np.savez(f, x=features, y=labels)`: labels=y names a member of the file being loaded, with or
    /// without key=x (the other member is then the only data candidate).
    @Test(arguments: [Optional("x"), nil])
    func labelsNameAMemberOfTheSameArchive(key: String?) throws {
        let options = LoadOptions(labels: "y", key: key)
        let dataset = try TestFiles.loadDataset(TestFiles.fixture("features_and_labels.npz"), options: options)
        #expect(dataset.values == NpyReaderTests.base)
        #expect(dataset.labels == Self.catDog)
        let tensors = try TestFiles.loadDataset(TestFiles.fixture("features_and_labels.safetensors"), options: options)
        #expect(tensors.values == NpyReaderTests.base)
        #expect(tensors.labels == Labels(values: ["3", "10", "3"]))
    }

    @Test func textMemberErrorAdvisesWhatWorks() {
        let message = TestFiles.loadError(TestFiles.fixture("features_and_labels.npz"), options: LoadOptions(key: "y"))
        #expect(message?.contains("labels=MEMBER with key=DATA in the same .npz") == true)
        let unknown = TestFiles.loadError(
            TestFiles.fixture("features_and_labels.npz"), options: LoadOptions(labels: "w", key: "x"))
        #expect(unknown?.hasSuffix("labels=w is neither a file nor a member; members: x, y") == true)
    }

    @Test func takesIntegerLabelsFromSafetensors() throws {
        var options = LoadOptions(labels: TestFiles.fixture("features_and_labels.safetensors"))
        options.labelKey = "y"
        let dataset = try TestFiles.loadDataset(TestFiles.fixture("float_f4_le.npy"), options: options)
        #expect(dataset.labels == Labels(values: ["3", "10", "3"]))
        options.labelKey = "x"
        #expect(
            TestFiles.loadError(TestFiles.fixture("float_f4_le.npy"), options: options)?
                .hasSuffix("labels must be a 1-D tensor, found 'x' of shape [3, 4]") == true)
    }

    @Test(arguments: [
        ("labels_binary.txt", "is binary, not a text label file (a NUL byte at offset 3)"),
        ("labels_latin1.txt", "is binary, not a text label file (not valid UTF-8)"),
    ])
    func refusesBinaryTextLabelFiles(name: String, problem: String) {
        let message = TestFiles.loadError(
            TestFiles.fixture("float_f4_le.npy"), options: LoadOptions(labels: TestFiles.fixture(name)))
        #expect(message?.contains("\(name): \(problem); give labels as .npy, .npz") == true)
    }

    @Test func oneColumnFileWithAnotherHeaderNameSuggestsLabelColumn() throws {
        var options = LoadOptions(labels: TestFiles.fixture("labels_class_header.txt"))
        #expect(
            TestFiles.loadError(TestFiles.fixture("float_f4_le.npy"), options: options)?
                .hasSuffix("has 4 labels, but the data has 3 rows; if its first line is a header, name it with label_column=NAME")
                == true)
        options.labelColumn = "class"
        #expect(try TestFiles.loadDataset(TestFiles.fixture("float_f4_le.npy"), options: options).labels == Self.catDog)
    }

    @Test func headerlessMultiColumnLabelFileIsNotAskedForNames() {
        let directory = TestFiles.scratchDirectory()
        let path = TestFiles.write("1,2,setosa\n3,4,v\n5,6,v\n", named: "lab_idx.csv", in: directory)
        let message = TestFiles.loadError(TestFiles.fixture("float_f4_le.npy"), options: LoadOptions(labels: path))
        #expect(message?.hasSuffix("has 3 columns and no header; give a file with one label per line, "
            + "or load this file as data and pick the label column with labels=INDEX") == true)
    }

    @Test func labelOptionsNeedALabelFileOfTheRightKind() {
        var options = LoadOptions(labels: TestFiles.fixture("labels.txt"))
        options.labelKey = "y"
        #expect(
            TestFiles.loadError(TestFiles.fixture("float_f4_le.npy"), options: options)?
                .hasSuffix("label_key=y applies to .npz and .safetensors label files") == true)
        options = LoadOptions()
        options.labelKey = "y"
        #expect(
            TestFiles.loadError(TestFiles.fixture("float_f4_le.npy"), options: options)?
                .hasSuffix("label_key=y names a member of a label file; give labels=FILE too") == true)
    }
}
