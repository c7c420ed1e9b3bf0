"""What the build trims from what it writes: literal inputs and the output expected of each."""

from studykit.core.assets import compact_html, minifiable, minified


def test_a_page_loses_the_indentation_of_its_lines_and_nothing_a_reader_sees():
    page = "<div>\n    <p>a <b>x</b>  \n   <i>y</i></p>\n\n\n  <p>z</p>\n</div>"
    assert compact_html(page) == "<div>\n<p>a <b>x</b>\n<i>y</i></p>\n<p>z</p>\n</div>"


def test_preformatted_text_scripts_styles_and_fields_keep_their_white_space():
    kept = ["<pre>  two\n    four</pre>", "<PRE class=x>\n  a</PRE >", "<script>\n  var a = `x\n   y`;\n</script>",
            "<style>\n  p { }\n</style>", "<textarea>\n  typed</textarea>"]
    for element in kept:
        assert compact_html(f"<div>\n  {element}\n  </div>") == f"<div>\n{element}\n</div>"


def test_scripts_and_styles_are_minified_unless_already_minified():
    assert minifiable("assets/lesson.js") and minifiable("assets/lesson.css")
    assert not minifiable("assets/bundle.min.js") and not minifiable("assets/figure.svg")
    assert minified("a.js", "// why\nvar a = 1;\n") == "var a=1;"
    assert minified("a.css", "/* why */\np {\n  color: red;\n}\n") == "p{color:red}"
