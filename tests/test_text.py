"""fold() through its translation table gives what the step-by-step definition gives."""

from archive.text import _fold_slow, fold


def test_fold_table_matches_the_definition_for_every_character():
    for cp in range(0x10000):
        if 0xD800 <= cp < 0xE000:
            continue
        assert fold(chr(cp)) == _fold_slow(chr(cp)).casefold(), hex(cp)


def test_fold_handles_decomposed_input_and_vietnamese():
    nfd = "Le\u0302 Quy\u0301 Vu\u031b\u0301o\u031bng"
    assert fold(nfd) == fold("Lê Quý Vương") == "le quy vuong"
    assert fold("ĐOÀN KẾT – Đại tướng") == "doan ket – dai tuong"
