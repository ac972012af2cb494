"""Posts spaced word by word or character by character (短视频 comments, names split to slip past
filters) are read as they would be without the spaces; findings keep the text as written.

Sentences written for these tests; hard negatives beside them."""

from hegai.detect import scan
from hegai.detect.contextual.spacing import compact


def found(text):
    return [(f.type, f.text) for f in scan(text) if f.type in ("PERSON_NAME", "WORKPLACE", "SCHOOL")]


def test_a_name_split_character_by_character_is_found_as_written():
    text = "鲍 志 强 你给我等着 你在 哪 上班 我都知道"
    assert ("PERSON_NAME", "鲍 志 强") in found(text)
    f = next(f for f in scan(text) if f.type == "PERSON_NAME")
    assert text[f.start:f.end] == "鲍 志 强"


def test_a_joining_word_spaced_off_joins_the_words_around_it():
    assert ("PERSON_NAME", "蒋 雅 琴") in found("她 在 南山 一家 做 外贸 的 公司 当 会计 叫 蒋 雅 琴")
    # (a numbered school with its city before it, as written)
    assert ("SCHOOL", "市 三 中") in found("霸凌我女儿的 就是 市 三 中 初二 的 邢 子 轩")


def test_a_list_separated_by_spaces_stays_a_list():
    # two words side by side are a list's items, not one word: nothing is joined
    assert compact("新郎邹建平 新娘姜芷晴 婚礼在金陵酒店") is None
    assert compact("寻狗 柯基 公 3岁 戴红色项圈") is None     # one lone character is no split name


def test_a_post_without_spaces_is_read_as_it_is():
    assert compact("他叫鲍志强，在育英中学当老师") is None
