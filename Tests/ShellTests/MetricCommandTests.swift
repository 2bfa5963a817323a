import DataFiles
import Foundation
import Testing
import TestSupport

@testable import Shell

/// The `metrics`, `stats` and `merge` commands: json keys, agreement with scripts/reference/metrics.py
/// (counts exactly, FD to 1e-6 relative), statistics files round trips, and clear errors.
@Suite struct MetricCommandTests {
    struct RingReference: Decodable {
        struct Frechet: Decodable { let fd: Double }
        struct Counts: Decodable {
            let precision: Double
            let recall: Double
            let density: Double
            let coverage: Double
        }
        let frechet: Frechet
        let prc_k3_inclusive: Counts
        let prc_k3_strict: Counts
        let prdc_k5_strict: Counts
    }

    struct Reference: Decodable { let cases: [String: RingReference] }

    static let ring: RingReference = ReferenceFile.decode(Reference.self).cases["ring_collapsed"]!

    func json(_ fixture: ShellFixture, _ line: String) throws -> [String: Any] {
        fixture.run("mode json")
        let output = fixture.output(of: line)
        #expect(output.outcome == .succeeded, "\(output.errors)")
        return try JSONSerialization.jsonObject(with: Data(output.output.utf8)) as? [String: Any] ?? [:]
    }

    @Test func jsonKeysCarryTheReferenceValues() throws {
        let fixture = ShellFixture()
        let object = try json(fixture, "metrics ring ring_fake only=fd,pr,prdc")
        let reference = Self.ring
        let fd = try #require(object["fd"] as? Double)
        #expect(abs(fd - reference.frechet.fd) <= 1e-6 * reference.frechet.fd)
        #expect(object["precision"] as? Double == reference.prc_k3_inclusive.precision)
        #expect(object["recall"] as? Double == reference.prc_k3_inclusive.recall)
        #expect(object["density"] as? Double == reference.prdc_k5_strict.density)
        #expect(object["coverage"] as? Double == reference.prdc_k5_strict.coverage)
        #expect(object["n_real"] as? Int == 2000)
        #expect(object["kid"] == nil)
    }

    @Test func tiesSwitchAndNeighbourCount() throws {
        let fixture = ShellFixture()
        let object = try json(fixture, "metrics ring ring_fake only=pr ties=strict pr_k=3")
        #expect(object["precision"] as? Double == Self.ring.prc_k3_strict.precision)
    }

    @Test func kidReportsMeanAndStdAndWarnsOnSmallSets() throws {
        let fixture = ShellFixture()
        fixture.run("mode json")
        let output = fixture.output(of: "metrics digits[0:300] digits[300:600] only=kid kid_subsets=2")
        #expect(output.outcome == .succeeded)
        #expect(output.errors.contains("subset size lowered from 1000 to 300"))
        let object = try JSONSerialization.jsonObject(with: Data(output.output.utf8)) as! [String: Any]
        #expect(object["kid"] is Double)
        #expect((object["kid_std"] as? Double ?? -1) >= 0)
    }

    @Test func subsetIsSeededAndStoredTablesKeepEveryMetric() throws {
        let fixture = ShellFixture()
        let first = try json(fixture, "metrics ring ring_fake only=prdc subset=300 seed=4")
        let second = try json(fixture, "metrics ring ring_fake only=prdc subset=300 seed=4")
        #expect(first["n_real"] as? Int == 300)
        #expect(first["density"] as? Double == second["density"] as? Double)
        fixture.run("mode table")
        #expect(fixture.run("m = metrics ring ring_fake only=fd,prdc subset=300") == .succeeded)
        guard case .table(let table) = fixture.state.session["m"] else {
            Issue.record("metrics stored no table")
            return
        }
        #expect(table.rows.map { $0[0] } == [.text("fd"), .text("density"), .text("coverage")])
    }

    @Test func statsAndMergeRoundTripThroughFiles() throws {
        let fixture = ShellFixture()
        #expect(fixture.run("stats digits[0:700] out=a.npz") == .succeeded)
        #expect(fixture.run("stats digits[700:1797] out=b.npz") == .succeeded)
        #expect(fixture.run("merge a.npz b.npz out=all.npz") == .succeeded)
        #expect(fixture.run("whole = stats digits") == .succeeded)
        let merged = try DataFileReader.load(fixture.directory.appendingPathComponent("all.npz").path)
        guard case .statistics(let fromShards) = merged, case .statistics(let whole) = fixture.state.session["whole"] else {
            Issue.record("expected statistics")
            return
        }
        #expect(fromShards.count == 1797)
        let scale = whole.covariance.values.map(abs).max()!
        #expect(zip(fromShards.covariance.values, whole.covariance.values).allSatisfy { abs($0 - $1) <= 1e-9 * scale })
        // The merged file works as one side of the Fréchet distance.
        fixture.run("load all all.npz")
        let object = try json(fixture, "metrics all digits only=fd")
        #expect((object["fd"] as? Double).map { abs($0) <= 1e-9 } == true)
    }

    @Test func badInputGetsClearMessages() {
        let fixture = ShellFixture()
        #expect(fixture.output(of: "metrics ring digits").errors.contains("has 2 columns but 'digits' has 64"))
        #expect(fixture.output(of: "metrics ring[0:10] ring_fake[0:20] only=emd emd=exact").errors.contains("needs equally many real and fake rows (10 vs 20)"))
        #expect(fixture.output(of: "metrics ring ring_fake only=kdi").errors.contains("did you mean 'kid'?"))
        #expect(fixture.output(of: "metrics ring[0:4] ring_fake only=prdc").errors.contains("k = 5 needs more than k real rows"))
        fixture.run("whole = stats digits")
        #expect(fixture.output(of: "metrics whole digits only=kid").errors.contains("support only the Fréchet distance"))
        #expect(fixture.output(of: "merge digits.npy").errors.contains("holds a dataset, not statistics"))
        #expect(fixture.output(of: "merge").outcome == .failed)
    }

    @Test func nonFiniteDataIsRefusedUnlessAllowed() throws {
        let fixture = ShellFixture()
        let path = fixture.directory.appendingPathComponent("bad.csv").path
        try "x,y\n1,2\nnan,3\n4,5\n".write(toFile: path, atomically: true, encoding: .utf8)
        fixture.run("load bad bad.csv")
        #expect(fixture.output(of: "metrics bad bad only=fd").errors.contains("allow_nonfinite=yes"))
        #expect(fixture.output(of: "stats bad").errors.contains("NaN/Inf"))
    }
}

@Suite struct DistributionMetricCommandTests {
    struct Reference: Decodable {
        struct Case: Decodable {
            struct Sliced: Decodable { let distance: Double }
            struct MMD: Decodable { let mmd2: Double }
            let sliced_wasserstein: Sliced
            let vendi_cosine_fake: Double
            let vendi_cosine_real: Double
            let mmd_gaussian: MMD
        }
        let cases: [String: Case]
    }

    @Test func mmdSwdAndVendiKeysCarryTheReferenceValues() throws {
        let url = RepositoryPaths.datasets.appendingPathComponent("reference/metrics/reference.json")
        let ring = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url)).cases["ring_collapsed"]!
        let fixture = ShellFixture()
        // The reference read ring_real.npy; the fixture's `ring` comes from the CSV, whose decimals differ in the last bits.
        fixture.run("load ring ring_real.npy")
        fixture.run("mode json")
        // The reference drew directions and bandwidth rows with seeds 7 and 3; one seed= drives both here,
        // so check each under its own seed.
        let swd = fixture.output(of: "metrics ring ring_fake only=swd,vendi projections=50 seed=7")
        let swdObject = try JSONSerialization.jsonObject(with: Data(swd.output.utf8)) as! [String: Any]
        let distance = try #require(swdObject["swd"] as? Double)
        #expect(abs(distance - ring.sliced_wasserstein.distance) <= 1e-9 * ring.sliced_wasserstein.distance)
        #expect(abs((swdObject["vendi"] as? Double ?? 0) - ring.vendi_cosine_fake) <= 1e-9 * ring.vendi_cosine_fake)
        #expect(abs((swdObject["vendi_real"] as? Double ?? 0) - ring.vendi_cosine_real) <= 1e-9 * ring.vendi_cosine_real)
        let mmd = fixture.output(of: "metrics ring ring_fake only=mmd seed=3")
        let mmdObject = try JSONSerialization.jsonObject(with: Data(mmd.output.utf8)) as! [String: Any]
        let value = try #require(mmdObject["mmd"] as? Double)
        #expect(abs(value - ring.mmd_gaussian.mmd2) <= 1e-4 * ring.mmd_gaussian.mmd2)
        #expect(mmdObject["mmd_bandwidth"] is Double)
    }

    @Test func permutationPValueAndInceptionScore() throws {
        let fixture = ShellFixture()
        fixture.run("mode json")
        let mmd = fixture.output(of: "metrics ring[0:100] ring_fake[0:100] only=mmd permutations=50 seed=9")
        let object = try JSONSerialization.jsonObject(with: Data(mmd.output.utf8)) as! [String: Any]
        #expect(abs((object["mmd_p"] as? Double ?? 0) - 1.0 / 51) <= 1e-12)
        let path = fixture.directory.appendingPathComponent("probs.csv").path
        try "a,b\n0.5,0.5\n1,0\n0,1\n0.25,0.75\n0.9,0.1\n0.2,0.8\n0.6,0.4\n0.3,0.7\n1,0\n0,1\n".write(toFile: path, atomically: true, encoding: .utf8)
        fixture.run("load probs probs.csv")
        let score = fixture.output(of: "metrics probs probs only=is")
        let isObject = try JSONSerialization.jsonObject(with: Data(score.output.utf8)) as! [String: Any]
        // One row per split: each split's score is exp(KL(p ‖ p)) = 1.
        #expect(isObject["is"] as? Double == 1)
        #expect(fixture.output(of: "metrics ring ring_fake only=is").errors.contains("not a probability vector"))
    }
}

@Suite struct BinMetricCommandTests {
    @Test func ndbSeparatesCollapseFromASplitOfTheSameSet() throws {
        let fixture = ShellFixture()
        fixture.run("mode json")
        let collapsed = fixture.output(of: "metrics ring ring_fake only=ndb ndb_k=8 seed=1")
        let same = fixture.output(of: "metrics ring[0:1000] ring[1000:2000] only=ndb ndb_k=8 seed=1")
        let bad = try JSONSerialization.jsonObject(with: Data(collapsed.output.utf8)) as! [String: Any]
        let good = try JSONSerialization.jsonObject(with: Data(same.output.utf8)) as! [String: Any]
        #expect((bad["ndb"] as? Double ?? 0) > (good["ndb"] as? Double ?? 99))
        #expect((bad["jsd"] as? Double ?? 0) > (good["jsd"] as? Double ?? 1))
        #expect(fixture.output(of: "metrics ring[0:5] ring_fake only=ndb").errors.contains("K = 100 clusters"))
    }
}

@Suite struct ModeBreakdownCommandTests {
    @Test func byLabelShowsTheDroppedModes() throws {
        let fixture = ShellFixture()
        #expect(fixture.run("m = metrics ring ring_fake only=prdc by=label") == .succeeded)
        guard case .table(let table) = fixture.state.session["m"] else {
            Issue.record("no per-mode table stored")
            return
        }
        #expect(table.columns == ["label", "n_real", "n_fake", "precision", "recall", "density", "coverage"])
        #expect(table.rows.count == 8)
        let fakeCounts = table.rows.compactMap { row -> Int? in if case .integer(let n) = row[2] { n } else { nil } }
        #expect(fakeCounts.reduce(0, +) == 2000)
        let dropped = table.rows.filter { $0[2] == .integer(0) }
        #expect(!dropped.isEmpty)
        #expect(dropped.allSatisfy { $0[6] == .number(0) })
    }

    @Test func byClusterAndMissingLabels() throws {
        let fixture = ShellFixture()
        #expect(fixture.output(of: "metrics ring ring_fake only=pr by=cluster by_k=4").outcome == .succeeded)
        fixture.run("mode json")
        let output = fixture.output(of: "metrics ring ring_fake only=prdc by=label")
        let object = try JSONSerialization.jsonObject(with: Data(output.output.utf8)) as! [String: Any]
        #expect(object["by_dof"] as? Int == 7)
        #expect((object["by_chi2"] as? Double ?? 0) > 1000)
        #expect(fixture.output(of: "metrics ring_fake ring only=pr by=label").errors.contains("by=label needs labels"))
    }
}

@Suite struct ConfidenceIntervalCommandTests {
    @Test func intervalsAreSeededOrderedAndNamed() throws {
        let fixture = ShellFixture()
        fixture.run("mode json")
        let line = "metrics ring[0:600] ring_fake[0:600] only=fd,prdc ci=90 ci_resamples=6 seed=2"
        let first = try JSONSerialization.jsonObject(with: Data(fixture.output(of: line).output.utf8)) as! [String: Any]
        let second = try JSONSerialization.jsonObject(with: Data(fixture.output(of: line).output.utf8)) as! [String: Any]
        for key in ["fd", "density", "coverage"] {
            let low = try #require(first[key + "_ci_low"] as? Double)
            let high = try #require(first[key + "_ci_high"] as? Double)
            #expect(low <= high)
            #expect(second[key + "_ci_low"] as? Double == low)
        }
        #expect(first["ci_n_real"] as? Int == 300)
        #expect(first["ci_resamples"] as? Int == 6)
        #expect(first["fd_rank_real_ci_low"] == nil)
    }

    @Test func percentileIsNumpysLinearOne() {
        // numpy.percentile([1, 2, 3, 4], [5, 50, 95]) = [1.15, 2.5, 3.85]
        let sorted = [1.0, 2, 3, 4]
        #expect(abs(MetricCommands.percentile(sorted, 5) - 1.15) <= 1e-12)
        #expect(MetricCommands.percentile(sorted, 50) == 2.5)
        #expect(abs(MetricCommands.percentile(sorted, 95) - 3.85) <= 1e-12)
    }

    @Test func statisticsInputsRefuseIntervals() {
        let fixture = ShellFixture()
        fixture.run("whole = stats digits")
        #expect(fixture.output(of: "metrics whole digits only=fd ci=95").errors.contains("ci=, by= and curve= need the rows"))
    }
}

@Suite struct CurveCommandTests {
    @Test func curveTabulatesSizesAndExtrapolatesTheFrechetDistance() throws {
        let fixture = ShellFixture()
        let result = fixture.output(of: "metrics digits[0:900] digits[900:1797] only=fd,prdc curve=yes seed=3")
        #expect(result.outcome == .succeeded)
        #expect(result.output.contains("curve:"))
        fixture.run("mode json")
        let object = try JSONSerialization.jsonObject(
            with: Data(fixture.output(of: "metrics digits[0:900] digits[900:1797] only=fd,prdc curve=yes seed=3").output.utf8))
            as! [String: Any]
        let curve = try #require(object["curve"] as? [[String: Any]])
        #expect(curve.compactMap { $0["n"] as? Int } == [179, 358, 538, 717, 897])
        // Two halves of one distribution: FD shrinks as N grows (bias ∝ 1/N), and FD∞ lies below every FD_N.
        let distances = curve.compactMap { $0["fd"] as? Double }
        #expect(distances.count == 5)
        #expect(distances.first! > distances.last!)
        let infinity = try #require(object["fd_infinity"] as? Double)
        #expect(infinity < distances.min()!)
        // The intercept is the least-squares line's through (1/N, FD_N).
        let line = MetricCommands.leastSquaresLine(x: [179, 358, 538, 717, 897].map { 1 / Double($0) }, y: distances)
        #expect(abs(line.intercept - infinity) <= 1e-9 * abs(infinity))
    }
}

@Suite struct EarthMoversResamplingTests {
    /// Unequal sets run Sinkhorn; the curve's equal-size subsamples must too (emd=auto alone would switch
    /// them to the exact solver), and ε, a setting, gets no curve column or interval.
    @Test func curveAndIntervalsKeepTheFullSetsSolver() throws {
        let fixture = ShellFixture()
        fixture.run("mode json")
        func object(_ line: String) throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(fixture.output(of: line).output.utf8)) as! [String: Any]
        }
        let automatic = try object("metrics ring[0:120] ring_fake[0:80] only=emd curve=yes seed=2")
        let pinned = try object("metrics ring[0:120] ring_fake[0:80] only=emd emd=sinkhorn curve=yes seed=2")
        #expect(automatic["emd_method"] as? String == "sinkhorn")
        let automaticCurve = try #require(automatic["curve"] as? [[String: Any]])
        let pinnedCurve = try #require(pinned["curve"] as? [[String: Any]])
        #expect(automaticCurve.compactMap { $0["emd"] as? Double } == pinnedCurve.compactMap { $0["emd"] as? Double })
        #expect(automaticCurve.compactMap { $0["emd"] as? Double }.count == 5)
        #expect(automaticCurve.allSatisfy { $0["emd_eps"] == nil })
        let intervals = try object("metrics ring[0:120] ring_fake[0:80] only=emd ci=90 ci_resamples=2")
        #expect(intervals["emd_ci_low"] is Double)
        #expect(intervals["emd_eps_ci_low"] == nil)
    }
}

@Suite struct ModesCommandTests {
    @Test func collapsedRingCoversThreeOfEightModes() throws {
        let fixture = ShellFixture()
        fixture.run("load centres ring_centers.npy")
        fixture.run("mode json")
        let output = fixture.output(of: "metrics ring ring_fake only=modes centers=centres std=0.05")
        let object = try JSONSerialization.jsonObject(with: Data(output.output.utf8)) as! [String: Any]
        #expect(object["modes_covered"] as? Double == 3)
        #expect(object["modes_total"] as? Double == 8)
        #expect(object["modes_with_min_share"] as? Double == 3)
        #expect(object["modes_covered_share"] == nil)
        #expect(object["high_quality"] as? Double == 0.523)
        #expect(fixture.output(of: "metrics ring ring_fake only=modes").errors.contains("needs centers=DATASET"))
    }
}

/// `only=tstr`: the shell maps label names to scikit-learn's class order, so the k-NN scores equal the
/// reference's exactly; clear messages when labels or test= are missing.
extension MetricCommandTests {
    struct TstrReference: Decodable {
        struct Scores: Decodable { let accuracy: Double }
        struct Training: Decodable { let knn: Scores }
        struct Cases: Decodable {
            let on_real: Training
            let on_fake_healthy: Training
        }
        let tstr: Cases
    }

    @Test func tstrAgreesWithScikitLearnThroughTheShell() throws {
        let url = RepositoryPaths.datasets.appendingPathComponent("reference/metrics/reference.json")
        let reference = try JSONDecoder().decode(TstrReference.self, from: Data(contentsOf: url)).tstr
        let fixture = ShellFixture()
        let object = try json(fixture, "metrics digits[0:600] digits[600:1200] only=tstr test=digits[1200:1797]")
        // json prints 16 significant digits: the counts' ratios agree to the last printed place.
        let fakeAccuracy = try #require(object["tstr_knn_fake_accuracy"] as? Double)
        let realAccuracy = try #require(object["tstr_knn_real_accuracy"] as? Double)
        #expect(abs(fakeAccuracy - reference.on_fake_healthy.knn.accuracy) <= 1e-12)
        #expect(abs(realAccuracy - reference.on_real.knn.accuracy) <= 1e-12)
        #expect(object["n_test"] as? Int == 597)
        let gap = try #require(object["tstr_knn_gap"] as? Double)
        #expect(abs(gap - (reference.on_real.knn.accuracy - reference.on_fake_healthy.knn.accuracy)) <= 1e-12)
        #expect(object["tstr_logistic_fake_accuracy"] is Double)
    }

    @Test func tstrNeedsLabelsAndATestSet() {
        let fixture = ShellFixture()
        #expect(fixture.output(of: "metrics digits[0:100] digits[100:200] only=tstr").errors.contains("only=tstr needs test=DATASET"))
        #expect(fixture.output(of: "metrics ring[0:100] ring_fake[0:100] only=tstr test=ring[100:200]").errors
            .contains("only=tstr needs labels on 'ring_fake[0:100]'"))
        #expect(fixture.output(of: "metrics digits[0:100] digits[100:200] only=tstr test=ring").errors.contains("different dimensions"))
    }
}

/// `train=`: authenticity joins any metric list, equal to scripts/reference/metrics.py's numpy value.
extension MetricCommandTests {
    struct AuthenticityReference: Decodable {
        struct Case: Decodable { let authentic_count: Int; let authentic_fraction: Double }
        struct Cases: Decodable { let ring_fake: Case }
        let authenticity: Cases
    }

    @Test func trainAddsAuthenticityMatchingNumpy() throws {
        let url = RepositoryPaths.datasets.appendingPathComponent("reference/metrics/reference.json")
        let reference = try JSONDecoder().decode(AuthenticityReference.self, from: Data(contentsOf: url)).authenticity.ring_fake
        let fixture = ShellFixture()
        let object = try json(fixture, "metrics ring[1000:2000] ring_fake only=fd train=ring[0:1000]")
        #expect(object["authenticity"] as? Double == reference.authentic_fraction)
        #expect(object["unauthentic"] as? Int == 2000 - reference.authentic_count)
        #expect(object["fd"] is Double)
        #expect(fixture.output(of: "metrics ring ring_fake only=authenticity").errors.contains("needs train=DATASET"))
        #expect(fixture.output(of: "metrics ring ring_fake only=fd train=digits").errors.contains("different dimensions"))
    }
}
