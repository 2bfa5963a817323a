#!/usr/bin/env python3
"""Writes the DataFiles test fixtures with numpy (and safetensors) into Tests/DataFilesTests/Fixtures/.

Every numeric fixture holds values the Swift tests recompute from a formula, so no expected-value file
is needed:
  base(r, c)   = (r * c_count + c) / 4 - 1          float fixtures, shape (3, 4); exact in f2/f4/f8
  signed(i)    = i - 5 (flat index i)               signed integer fixtures, shape (3, 4)
  unsigned(i)  = i                                  unsigned integer fixtures, shape (3, 4)
  images: arange(n * prod(row_shape)) reshaped, float32 (fortran_tiles.npy: >f8, Fortran order).
Bad-input fixtures live in Fixtures/bad/, one problem each; all files stay a few KB.
Run from the repository root: python3 scripts/reference/data_files.py  (numpy 2.x, safetensors 0.8).
"""
import bz2
import io
import os
import struct
import zipfile
import zlib

import numpy as np

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "DataFilesTests", "Fixtures")
BAD = os.path.join(ROOT, "bad")


def path(name, bad=False):
    return os.path.join(BAD if bad else ROOT, name)


def base(dtype="<f4"):
    return (np.arange(12).reshape(3, 4) / 4 - 1).astype(dtype)


def raw_npy(name, header, data=b"", version=(1, 0), bad=False):
    """An .npy written byte by byte, for headers numpy itself would not write."""
    header_bytes = header.encode("latin1" if version[0] < 3 else "utf8")
    length = struct.pack("<H", len(header_bytes)) if version[0] == 1 else struct.pack("<I", len(header_bytes))
    with open(path(name, bad), "wb") as f:
        f.write(b"\x93NUMPY" + bytes(version) + length + header_bytes + data)


def npy_files():
    for dtype in ["<f2", "<f4", "<f8", ">f4", ">f8"]:
        np.save(path(f"float_{dtype[1:]}_{'be' if dtype[0] == '>' else 'le'}.npy"), base(dtype))
    for dtype in ["i1", "<i2", "<i4", "<i8", ">i8"]:
        np.save(path(f"int_{dtype.strip('<>')}_{'be' if dtype[0] == '>' else 'le'}.npy"),
                (np.arange(12) - 5).reshape(3, 4).astype(dtype))
    for dtype in ["u1", "<u2", "<u4", "<u8"]:
        np.save(path(f"uint_{dtype.strip('<>')}.npy"), np.arange(12).reshape(3, 4).astype(dtype))
    np.save(path("bool.npy"), (np.arange(12).reshape(3, 4) % 3 == 0))
    np.save(path("fortran_f4.npy"), np.asfortranarray(base("<f4")))
    np.save(path("fortran_images.npy"), np.asfortranarray(np.arange(24, dtype="<f4").reshape(2, 3, 2, 2)))
    # Enough rows and columns to cross tile edges when the reader is given tiny tiles; big-endian f8.
    np.save(path("fortran_tiles.npy"), np.asfortranarray(np.arange(37 * 15, dtype=">f8").reshape(37, 5, 3)))
    np.save(path("images_3d.npy"), np.arange(2 * 28 * 28, dtype="<f4").reshape(2, 28, 28) / 100)
    np.save(path("scalar_0d.npy"), np.float64(2.5))
    np.save(path("vector_1d.npy"), np.array([0.5, 1.5, -2.5], dtype="<f4"))
    np.save(path("labels_unicode.npy"), np.array(["cat", "dög", "cat"]))
    np.save(path("labels_bytes.npy"), np.array([b"cat", b"dog", b"cat"]))
    np.save(path("labels_int.npy"), np.array([3, 10, 3], dtype="<i8"))
    for version in [(2, 0), (3, 0)]:
        with open(path(f"version_{version[0]}.npy"), "wb") as f:
            np.lib.format.write_array(f, base("<f4"), version=version)
    data = base("<f4").tobytes()
    # Python 2 numpy wrote long integers with an L suffix; keys in another order; no 64-byte padding.
    raw_npy("python2_header.npy", "{'shape': (3L, 4L), 'fortran_order': False, 'descr': '<f4'}\n", data)


def npz_member(array):
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def npz_files():
    np.savez(path("two_arrays.npz"), first=base("<f4"), second=base("<f8") * 2)
    np.savez_compressed(path("compressed_single.npz"), base("<f8"))
    features = base("<f8")
    mu, sigma = features.mean(axis=0), np.cov(features, rowvar=False)
    np.savez_compressed(path("fid_stats.npz"), mu=mu, sigma=sigma)  # pytorch-fid style
    np.savez(path("fid_stats_mixed.npz"), mu=mu.astype("<f4"), sigma=sigma)
    np.savez_compressed(path("cleanfid_feats.npz"), feats=base("<f4"))
    # numpy tolerates members that are not .npy (np.load returns their bytes); the reader skips them.
    with open(path("with_readme.npz"), "wb") as f:
        f.write(zip_archive([dict(name="data.npy", payload=npz_member(base("<f4"))),
                             dict(name="readme.txt", payload=b"features from run 7\n")]))
    np.savez(path("own_dataset.npz"), data=np.arange(24, dtype="<f4").reshape(2, 12),
             labels=np.array(["a", "b"]), row_shape=np.array([2, 3, 2], dtype="<i8"))
    # What `export x out.npz compressed=yes` must match member by member (see check_our_files).
    np.savez_compressed(path("numpy_compressed.npz"), data=base("<f4"), labels=np.array(["cat", "dog", "cat"]),
                        row_shape=np.array([4], dtype="<i8"))
    buffer = io.BytesIO()
    np.save(buffer, base("<f4"))
    with open(path("zip64.npz"), "wb") as f:
        f.write(zip64_archive("data.npy", buffer.getvalue()))


def text_files():
    np.savetxt(path("savetxt_default.txt"), base("<f4"))
    np.savetxt(path("savetxt_comma.csv"), base("<f4"), delimiter=",", header="x0,x1,x2,x3")
    with open(path("labelled.csv"), "w") as f:
        f.write("a,b,species\n1,2,setosa\n3,4,\"versi, color\"\n5,6,setosa\n")
    with open(path("crlf_bom.csv"), "wb") as f:
        f.write(b"\xef\xbb\xbfx,y\r\n1,2\r\n3,4\r\n")
    with open(path("messy.csv"), "w") as f:
        f.write("# written by hand\n\nx,y,label\n1,nan,a\n\n# middle comment\n-inf,NaN,b\n,inf,\"c\"\"q\"\n")
    np.savetxt(path("plain.tsv"), base("<f4"), delimiter="\t", fmt="%g")
    with open(path("labels.txt"), "w") as f:
        f.write("cat\ndog\ncat\n")
    with open(path("labels_headed.txt"), "w") as f:  # one column under a header: 3 labels for 3 rows
        f.write("label\ncat\ndog\ncat\n")


def safetensors_files():
    from safetensors.numpy import save_file
    save_file({"weight": base("<f4"), "bias": np.array([1, 2, 3], dtype="<f2"),
               "half": base("<f2"), "counts": (np.arange(12).reshape(3, 4)).astype("<i8")},
              path("tensors.safetensors"), metadata={"source": "data_files.py"})


def zip_member(name, payload, declared_size, method=zipfile.ZIP_DEFLATED, **options):
    """One-member zip with a chosen declared uncompressed size (for the bomb fixture)."""
    return zip_archive([dict(name=name, payload=payload, declared=declared_size, method=method, **options)])


def zip_archive(members):
    """A zip written byte by byte (no timestamps, so reruns are byte-identical). Each member: name, payload,
    optional method (stored by default; deflate compresses the payload), declared (uncompressed size),
    compressed (the bytes to store instead), crc and flags (bit 0: encrypted) to forge."""
    body, directory = b"", b""
    for member in members:
        name_bytes, payload = member["name"].encode(), member["payload"]
        method = member.get("method", zipfile.ZIP_STORED)
        compressed = member.get("compressed", payload)
        if method == zipfile.ZIP_DEFLATED and "compressed" not in member:
            compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
            compressed = compressor.compress(payload) + compressor.flush()
        crc = member.get("crc", zlib.crc32(payload))
        declared, flags = member.get("declared", len(payload)), member.get("flags", 0)
        local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, flags, method, 0, 0, crc, len(compressed),
                            declared, len(name_bytes), 0) + name_bytes
        directory += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, flags, method, 0, 0, crc,
                                 len(compressed), declared, len(name_bytes), 0, 0, 0, 0, 0, len(body)) + name_bytes
        body += local + compressed
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), len(body), 0)
    return body + directory + end


def zip64_archive(name, payload):
    """A stored one-member zip whose sizes live in zip64 extras (local and central) and whose end records
    are zip64, as writers produce for members over 4 GiB — but tiny. The local-header offset stays in the
    classic field: ZIPFoundation 0.9.20 ignores a zip64 offset of 0 (as only a first member can have)."""
    name_bytes, crc, size = name.encode(), zlib.crc32(payload), len(payload)
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 45, 0, 0, 0, 0, crc, 0xFFFFFFFF, 0xFFFFFFFF,
                        len(name_bytes), 20) + name_bytes + struct.pack("<HHQQ", 1, 16, size, size)
    central = struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 45, 45, 0, 0, 0, 0, crc, 0xFFFFFFFF,
                          0xFFFFFFFF, len(name_bytes), 20, 0, 0, 0, 0, 0) + name_bytes \
        + struct.pack("<HHQQ", 1, 16, size, size)
    directory_offset = len(local) + size
    zip64_end = struct.pack("<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, 1, 1, len(central), directory_offset)
    locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, directory_offset + len(central), 1)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    return local + payload + central + zip64_end + locator + end


def bad_files():
    os.makedirs(BAD, exist_ok=True)
    data = base("<f4").tobytes()
    with open(path("wrong_magic.npy", True), "wb") as f:
        f.write(b"PK\x03\x04 this is not an npy file")
    with open(path("truncated_header.npy", True), "wb") as f:
        f.write(b"\x93NUMPY\x01\x00\x76\x00{'descr': '<f4', 'fortran")
    buffer = io.BytesIO()
    np.save(buffer, base("<f4"))
    with open(path("truncated_data.npy", True), "wb") as f:
        f.write(buffer.getvalue()[:-20])
    raw_npy("huge_claim.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1000000, 1000000), }\n",
            data, bad=True)
    with open(path("header_too_long.npy", True), "wb") as f:
        f.write(b"\x93NUMPY\x02\x00" + struct.pack("<I", 20000) + b"{'descr': '<f4', " + b" " * 64)
    raw_npy("malformed_dict.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4}\n", data, bad=True)
    raw_npy("unsupported_dtype.npy", "{'descr': '<M8[ns]', 'fortran_order': False, 'shape': (3,), }\n",
            b"\0" * 24, bad=True)
    open(path("empty.npy", True), "wb").close()
    np.save(path("object.npy", True), np.array([{"a": 1}, None], dtype=object), allow_pickle=True)
    np.save(path("complex.npy", True), np.array([1 + 2j, 3 - 1j], dtype="<c8"))
    buffer = io.BytesIO()
    np.savez(buffer, data=base("<f4"))
    archive = bytearray(buffer.getvalue())
    archive[len(archive) // 2:len(archive) // 2 + 40] = b"\xff" * 40  # through the data and into the directory
    with open(path("corrupted.npz", True), "wb") as f:
        f.write(bytes(archive[: len(archive) - 30]))  # and the end-of-directory record cut off
    # 64 KiB of zeros that inflate well past the 1,000 bytes the headers declare.
    with open(path("zip_bomb.npz", True), "wb") as f:
        f.write(zip_member("data.npy", b"\0" * 65536, 1000))
    with open(path("slash_member.npz", True), "wb") as f:
        f.write(zip_member("../evil.npy", buffer.getvalue()[:10], 10, zipfile.ZIP_STORED))
    npy = io.BytesIO()
    np.save(npy, base("<f4"))
    npy = npy.getvalue()
    zips = {
        "crc_mismatch.npz": [dict(name="data.npy", payload=npy, crc=zlib.crc32(npy) ^ 1)],
        "bz2_member.npz": [dict(name="data.npy", payload=npy, method=zipfile.ZIP_BZIP2, compressed=bz2.compress(npy))],
        "encrypted_member.npz": [dict(name="data.npy", payload=npy, flags=1)],
        # Deflate tops out near 1032:1; 64 KiB of zeros compress to ~80 bytes, so 10 MB declared is impossible.
        "inflation_ratio.npz": [dict(name="data.npy", payload=b"\0" * 65536, method=zipfile.ZIP_DEFLATED,
                                     declared=10_000_000)],
        "subdirectory_member.npz": [dict(name="sub/data.npy", payload=npy)],
        "dotdot_member.npz": [dict(name="..data.npy", payload=npy)],
    }
    for name, members in zips.items():
        with open(path(name, True), "wb") as f:
            f.write(zip_archive(members))
    with open(path("ragged.csv", True), "w") as f:
        f.write("x,y,z\n1,2,3\n4,5\n6,7,8\n")
    with open(path("text_in_numeric.csv", True), "w") as f:
        f.write("x,y,z\n1,2,3\n4,five,6\n")
    with open(path("header_only.csv", True), "w") as f:
        f.write("x,y,z\n")
    raw_npy("fortran_maybe.npy", "{'descr': '<f4', 'fortran_order': 'maybe', 'shape': (3, 4), }\n", data, bad=True)
    with open(path("safetensors_overlap.safetensors", True), "wb") as f:
        header = b'{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}'
        f.write(struct.pack("<Q", len(header)) + header + b"\0" * 12)
    with open(path("safetensors_bad_offsets.safetensors", True), "wb") as f:
        header = b'{"w":{"dtype":"F32","shape":[3,4],"data_offsets":[0,48]}}'
        f.write(struct.pack("<Q", len(header)) + header + b"\0" * 20)


def fuzz_finds():
    """The fuzzer's regression inputs (FuzzRegressionTests), byte for byte as libFuzzer found or reduced them."""
    with open(path('unicode_width_overflow.npy', True), "wb") as f:
        f.write(b"\x93NUMPY\x01\x00L\x00{'descr': '<U3000000000000000000', 'fortran_order': False, 'shape': (1,), }\n")
    with open(path('zero_rows.npy', True), "wb") as f:
        f.write(b"\x93NUMPY\x01\x00v\x00{'descr': '<f4', 'fortran_order': False, 'shape': (0, 4), }                                                          \n")
    with open(path('zero_rows_huge_width.npy', True), "wb") as f:
        f.write(b"\x93NUMPY\x01\x00v\x00{'descr': '<i8', 'fortran_order': False, 'shape': (0,721687216979443712), }                                                   \x00\n\x00\xd3\xfe\xfe\x00\x00\x06\x00\x03\x00\x00PK\x05\x06\x00\x00\x00\x00\x00")
    with open(path('only_label_column.csv', True), "wb") as f:
        f.write(b'label\ncat\ndog\n')
    with open(path("row_shape_overflow.npz", True), "wb") as f:  # two stored members; row_shape (2**32, 2**32)
        f.write(bytes.fromhex(
            "504b03042d0000000000000021009491edfaffffffffffffffff08001400646174612e6e707901001000a00000000000"
            "0000a000000000000000934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72"
            "646572273a2046616c73652c20277368617065273a2028322c2034292c207d2020202020202020202020202020202020"
            "20202020202020202020202020202020202020202020202020202020202020202020202020202020200a000000000000"
            "0000000000000000000000000000000000000000000000000000504b03042d000000000000002100ea414826ffffffff"
            "ffffffff0d001400726f775f73686170652e6e70790100100090000000000000009000000000000000934e554d505901"
            "0076007b276465736372273a20273c6938272c2027666f727472616e5f6f72646572273a2046616c73652c2027736861"
            "7065273a2028322c292c207d202020202020202020202020202020202020202020202020202020202020202020202020"
            "2020202020202020202020202020202020202020202020200a00000000010000000000000001000000504b01022d032d"
            "0000000000000021009491edfaa0000000a0000000080000000000000000000000800100000000646174612e6e707950"
            "4b01022d032d000000000000002100ea41482690000000900000000d00000000000000000000008001da000000726f77"
            "5f73686170652e6e7079504b0506000000000200020071000000a90100000000"
        ))
    os.makedirs(path("nul_label_projector", True), exist_ok=True)
    with open(path("nul_label_projector/tensors.tsv", True), "wb") as f:
        f.write(b'""')
    with open(path("nul_label_projector/metadata.tsv", True), "wb") as f:
        f.write(b'\x00')


def round2_files():
    """Issue 4, second round: labels from archives, values beyond float32's range, pandas CSV layouts."""
    from safetensors.numpy import save_file
    labels = np.array(["cat", "dog", "cat"])
    np.savez_compressed(path("labels_member.npz"), labels=labels)  # labels=FILE.npz: the `labels` member
    np.savez(path("labels_only_member.npz"), classes=np.array([3, 10, 3], dtype="<i8"))  # the only member
    np.savez(path("features_and_labels.npz"), x=base("<f4"), y=labels)  # np.savez(f, x=feats, y=labels)
    save_file({"x": base("<f4"), "y": np.array([3, 10, 3], dtype="<i8")}, path("features_and_labels.safetensors"))
    with open(path("labels_binary.txt"), "wb") as f:  # NUL bytes: an array saved under a text name
        f.write(b"cat\x00\x00\ndog\ncat\n")
    with open(path("labels_latin1.txt"), "wb") as f:  # not UTF-8
        f.write(b"caf\xe9\ndog\ncat\n")
    with open(path("labels_class_header.txt"), "w") as f:  # one column under a header that is not `label`
        f.write("class\ncat\ndog\ncat\n")
    # float64 values float32 cannot hold: 1e300 and -1e39 overflow (row 0 column 0 first), 1e-50 becomes 0.
    beyond = np.array([[1e300, 1.0], [2.0, -1e39], [1e-50, 0.0]])
    np.save(path("f8_beyond_float32.npy"), beyond)
    # Rows reversed, Fortran order: the first overflow in row order is row 1, column 1 (-1e39).
    np.save(path("f8_beyond_float32_fortran.npy"), np.asfortranarray(beyond[::-1].copy()))
    np.save(path("f8_underflow.npy"), np.array([[1e-50, 1.0], [2.0, -1e-60], [3e-39, 0.0]]))  # 2 become 0
    save_file({"data": beyond}, path("f8_beyond_float32.safetensors"))
    np.savetxt(path("beyond_float32.csv"), np.array([[1.0, 1e300], [1e-60, 0.0], [-1e39, 2.0]]), delimiter=",")
    np.savez(path("fid_stats_asymmetric.npz"), mu=np.zeros(2), sigma=np.array([[1.0, 0.5], [0.2, 1.0]]))
    # pandas 2.x to_csv layouts (written by hand: pandas is not a reference dependency), values of base().
    frame = base("<f4")
    with open(path("pandas_index.csv"), "w") as f:  # pd.DataFrame(x).to_csv(f)
        f.write("," + ",".join(str(c) for c in range(4)) + "\n")
        for i, row in enumerate(frame):
            f.write(f"{i}," + ",".join(repr(float(v)) for v in row) + "\n")
    with open(path("pandas_label.csv"), "w") as f:  # df.assign(label=...).to_csv(f, index=False)
        f.write(",".join(str(c) for c in range(4)) + ",label\n")
        for row, label in zip(frame, labels):
            f.write(",".join(repr(float(v)) for v in row) + f",{label}\n")


def check_our_files():
    """ours_compressed.npz is written by modescope itself (RoundTripTests writes the same file and compares it
    member by member), from float_f4_le.npy with labels.txt:
        modescope -c "load x float_f4_le.npy labels=labels.txt; export x ours_compressed.npz compressed=yes"
    numpy must read it as the values it was made from."""
    with np.load(path("ours_compressed.npz")) as archive:
        assert sorted(archive.files) == ["data", "labels", "row_shape"], archive.files
        assert archive["data"].dtype == np.dtype("<f4") and np.array_equal(archive["data"], base("<f4"))
        assert list(archive["labels"]) == ["cat", "dog", "cat"]
        assert list(archive["row_shape"]) == [4]
    with zipfile.ZipFile(path("ours_compressed.npz")) as archive:
        assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in archive.infolist())
    print("ours_compressed.npz: numpy reads data, labels and row_shape; every member deflated")


if __name__ == "__main__":
    os.makedirs(ROOT, exist_ok=True)
    npy_files()
    npz_files()
    text_files()
    safetensors_files()
    bad_files()
    fuzz_finds()
    round2_files()
    if os.path.exists(path("ours_compressed.npz")):
        check_our_files()
