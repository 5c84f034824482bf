"""The page in a real headless Chromium at 1600×1000, offline, as a journalist would use it: the
picture settles without overlaps, search folds accents and prefers exact names, claims and events
show with their sources, filters (type, event class, document, dates) follow the URL hash and the
header counts, exports hold what is shown, and nothing from a document runs.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them). Skipped when
they are missing, unless ``NEWSKG_REQUIRE_BROWSER=1`` (as in CI), where that is a failure. The
devset checks need the devset texts (``$NEWSKG_DEVSET``, default ``/work/shared/devset/texts``).
Screenshots and measured figures go to ``test-artifacts/``.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import os
import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DEVSET = Path(os.environ.get("NEWSKG_DEVSET", "/work/shared/devset/texts"))

if not (CHROMIUM and DRIVER):
    if os.environ.get("NEWSKG_REQUIRE_BROWSER") == "1":
        raise RuntimeError("NEWSKG_REQUIRE_BROWSER=1 but chromium/chromedriver are not installed")
    pytest.skip("chromium and chromedriver are not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1600,1000",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(60)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def devset_dir(tmp_path_factory):
    if not DEVSET.is_dir():
        pytest.skip(f"devset texts not found at {DEVSET}")
    from newskg.api import KnowledgeGraph

    out = tmp_path_factory.mktemp("devset")
    KnowledgeGraph.build([DEVSET]).save(out)
    return out


def open_page(driver, path: Path, hash_: str = "") -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get("about:blank")
    driver.get(path.resolve().as_uri() + hash_)
    WebDriverWait(driver, 90).until(lambda d: d.execute_script("return document.body.dataset.stabilized === 'true'"))


def severe_logs(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def keep(name: str, figures: dict) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "page-figures.json"
    known = json.loads(path.read_text()) if path.exists() else {}
    known[name] = figures
    path.write_text(json.dumps(known, indent=2, sort_keys=True))


def click_node(driver, node_id: str) -> None:
    """A real mouse click on the actor's disc, where vis-network itself finds the actor."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    point = driver.execute_script(
        "const n = window.newskg.network, p = n.canvasToDOM(n.getPositions([arguments[0]])[arguments[0]]);"
        "return n.getNodeAt(p) === arguments[0] ? [p.x, p.y] : null;", node_id)
    assert point is not None, "the actor is covered by another"
    canvas = driver.find_element(By.CSS_SELECTOR, "#network canvas")
    size = canvas.size
    ActionChains(driver).move_to_element_with_offset(canvas, int(point[0] - size["width"] / 2), int(point[1] - size["height"] / 2)).click().perform()


def search(driver, text: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    box = driver.find_element(By.ID, "search")
    box.clear()
    box.send_keys(text, Keys.ENTER)


OVERLAPS = """
    const nk = window.newskg, net = nk.network, scale = net.getScale();
    const ids = nk.shownNodeIds(), pos = net.getPositions(ids);
    const discs = ids.map(id => ({ id, label: nk.data.nodes.find(n => n.id === id).label, r: nk.nodes.get(id).size * scale,
                                  p: net.canvasToDOM(pos[id]), box: net.getBoundingBox(id) }));
    discs.sort((a, b) => b.r - a.r);
    const top = discs.slice(0, 30), rect = document.getElementById('network').getBoundingClientRect();
    const discPairs = [], labelPairs = [];
    for (let i = 0; i < top.length; i++) for (let j = i + 1; j < top.length; j++) {
        const a = top[i], b = top[j];
        if (Math.hypot(a.p.x - b.p.x, a.p.y - b.p.y) < a.r + b.r) discPairs.push([a.label, b.label]);
        const A = a.box, B = b.box;
        if (A.left < B.right && B.left < A.right && A.top < B.bottom && B.top < A.bottom) labelPairs.push([a.label, b.label]);
    }
    const inside = top.filter(d => d.p.x >= 0 && d.p.y >= 0 && d.p.x <= rect.width && d.p.y <= rect.height).length;
    return { scale, shown: ids.length, considered: top.length, discPairs, labelPairs, inside,
             smallestRadiusPx: Math.min(...top.map(d => d.r)), fontPx: top.map(d => nk.nodes.get(d.id).font.size * scale) };
"""


def test_sample_page_loads_offline_and_hides_isolated_actors_until_asked(browser, built_dir, sample_kg):
    from selenium.webdriver.common.by import By

    open_page(browser, built_dir / "graph.html")
    assert severe_logs(browser) == []
    graph = sample_kg.to_networkx()
    # an actor takes part in a relation, a claim, or an event that states no relation ("X was arrested")
    involved = {n for n in graph if graph.degree(n) or graph.nodes[n]["claims"] or graph.nodes[n]["claims_about"] or graph.nodes[n].get("events")}
    assert 0 < len(involved) < graph.number_of_nodes()
    assert set(browser.execute_script("return window.newskg.shownNodeIds()")) == involved
    assert browser.execute_script("return window.newskg.drawnNodeCount()") == len(involved)
    counts = browser.find_element(By.ID, "counts")
    hidden = graph.number_of_nodes() - len(involved)
    assert counts.text.startswith(f"{len(involved)} of {graph.number_of_nodes()} actors shown · {hidden} without relations hidden")
    assert browser.execute_script("return window.newskg.network.physics.options.enabled") is False

    browser.find_element(By.ID, "show-isolated").click()
    assert browser.execute_script("return window.newskg.drawnNodeCount()") == graph.number_of_nodes()
    assert counts.text.startswith(f"{graph.number_of_nodes()} of {graph.number_of_nodes()} actors shown ·")
    assert "without relations hidden" not in counts.text
    assert "all=1" in browser.execute_script("return location.hash")
    overlaps = browser.execute_script(OVERLAPS)
    assert overlaps["discPairs"] == []
    browser.save_screenshot(str(ARTIFACTS / "sample-all-actors.png"))
    browser.find_element(By.ID, "show-isolated").click()
    assert browser.execute_script("return window.newskg.drawnNodeCount()") == len(involved)


@pytest.mark.parametrize("build", ["sample", "devset"])
def test_thirty_largest_actors_do_not_overlap_at_the_fit_view(browser, build, request):
    folder = request.getfixturevalue("built_dir" if build == "sample" else "devset_dir")
    open_page(browser, folder / "graph.html")
    figures = browser.execute_script(OVERLAPS)
    figures["settledMs"] = browser.execute_script("return window.newskg.settledMs")
    figures["counts"] = browser.execute_script("return document.getElementById('counts').textContent")
    keep(f"fit-view-{build}", figures)
    browser.save_screenshot(str(ARTIFACTS / f"{build}-fit-view.png"))
    assert figures["considered"] == min(30, figures["shown"])
    assert figures["discPairs"] == []
    assert figures["labelPairs"] == []  # nor do their labels: vis-network's own boxes, disc and label
    assert figures["inside"] == figures["considered"]
    assert severe_logs(browser) == []


def test_sizes_switch_between_events_mentions_and_pagerank(browser, built_dir):
    from selenium.webdriver.support.ui import Select

    open_page(browser, built_dir / "graph.html")
    largest = "return (() => { const nk = window.newskg; const ids = nk.shownNodeIds(); ids.sort((a, b) => nk.nodes.get(b).size - nk.nodes.get(a).size); return nk.data.nodes.find(n => n.id === ids[0]).label; })()"
    assert browser.execute_script(largest) == "European Parliament"
    Select(browser.find_element("id", "size-by")).select_by_value("mentions")
    assert browser.execute_script(largest) == "Cambodia"  # named in nearly every sentence, party to few events
    assert "size=mentions" in browser.execute_script("return location.hash")
    assert browser.execute_script(OVERLAPS)["discPairs"] == []


def test_search_prefers_an_exact_alias_and_folds_accents(browser, built_dir):
    from selenium.webdriver.common.by import By

    open_page(browser, built_dir / "graph.html")
    search(browser, "EU")
    assert browser.find_element(By.CSS_SELECTOR, "#panel h2").text == "European Union"
    listed = [b.text for b in browser.find_elements(By.CSS_SELECTOR, "#panel ul.matches button")]
    assert listed[0] == "European Union" and "European Parliament" in listed and len(listed) > 2
    search(browser, "central")
    assert browser.find_element(By.CSS_SELECTOR, "#panel h2").text == "Center for Alliance of Labour and Human Rights"
    assert browser.execute_script("return window.newskg.findActors('cambodian').map(n => n.label)")[:1] != []
    prefix_first = browser.execute_script("return window.newskg.findActors('cambodia').map(n => n.label)")
    assert prefix_first[0] == "Cambodia"  # exact before prefix ("Cambodian government") before substring
    lowered = [label.lower() for label in prefix_first]
    government = next(i for i, label in enumerate(lowered) if label in {"cambodian government", "cambodian authorities"})
    assert government < lowered.index("better factories cambodia")  # a prefix match before a substring match


def test_search_finds_alvarez_without_the_accent_on_the_devset(browser, devset_dir):
    from selenium.webdriver.common.by import By

    open_page(browser, devset_dir / "graph.html")
    search(browser, "Alvarez")
    heading = browser.find_element(By.CSS_SELECTOR, "#panel h2").text
    assert "Álvarez" in heading
    node = browser.execute_script("return document.getElementById('panel').dataset.id")
    assert node in browser.execute_script("return window.newskg.shownNodeIds()")  # drawn, though it has no relation
    browser.save_screenshot(str(ARTIFACTS / "devset-search-alvarez.png"))


def test_a_claim_shows_in_its_speakers_panel_and_in_the_panel_of_whom_it_is_about(browser, built_dir, sample_kg):
    from selenium.webdriver.common.by import By

    graph = sample_kg.to_networkx()
    malin = next(n for n in graph if graph.nodes[n]["label"] == "Chin Malin")
    claims = graph.nodes[malin]["claims"]
    about_sokha = next(c for c in claims if any(graph.nodes[a]["label"] == "Kem Sokha" for a in c["about"]))
    open_page(browser, built_dir / "graph.html")
    click_node(browser, malin)
    panel = browser.find_element(By.ID, "panel")
    assert panel.get_attribute("data-id") == malin
    sections = [h.text for h in panel.find_elements(By.TAG_NAME, "h3")]
    assert "CLAIMS MADE" in [s.upper() for s in sections]
    for claim in claims:
        assert claim["text"] in panel.text
    assert about_sokha["document"] in panel.text
    browser.save_screenshot(str(ARTIFACTS / "sample-claims-of-speaker.png"))
    search(browser, "Kem Sokha")
    panel = browser.find_element(By.ID, "panel")
    assert about_sokha["text"] in panel.text and "Chin Malin said:" in panel.text


def _csv(browser) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(browser.execute_script("return window.newskg.exportCsv()"))))


def test_date_filter_hides_exactly_the_events_outside_the_range(browser, built_dir, sample_kg):
    from newskg.output.page import day_range

    graph = sample_kg.to_networkx()
    day = day_range("2024-11-30")[0]
    expected, outside = set(), set()
    for _, _, key, data in graph.edges(keys=True, data=True):
        if data["kind"] != "interaction":
            continue
        for item in data["evidence"]:
            span = day_range(item["eventDate"], item["documentDate"]) or day_range(item["documentDate"])
            (expected if span and span[0] <= day <= span[1] else outside).add((data["label"], " ".join(item["sentence"].split())))
    assert expected and outside
    open_page(browser, built_dir / "graph.html")
    before = {(r["relation"], r["evidence"]) for r in _csv(browser) if r["kind"] == "interaction"}
    browser.execute_script("""
        for (const [id, v] of [['date-from', arguments[0]], ['date-to', arguments[0]]]) {
            const r = document.getElementById(id); r.value = v; r.dispatchEvent(new Event('input', { bubbles: true }));
        }""", day)
    rows = _csv(browser)
    after = {(r["relation"], " ".join(r["evidence"].split())) for r in rows if r["kind"] == "interaction"}
    assert after == expected
    assert len(before) > len(after)
    # events that state no relation ("X was arrested") obey the same range
    for row in rows:
        if row["kind"] == "event":
            span = day_range(row["event_date"], row["document_dates"].split(";")[0].strip()) or day_range(row["document_dates"].split(";")[0].strip())
            assert span and span[0] <= day <= span[1], row
    assert int(browser.execute_script("return document.getElementById('counts').dataset.events")) >= len({e for _, e in expected})
    assert "from=2024-11-30&to=2024-11-30" in browser.execute_script("return location.hash")
    browser.save_screenshot(str(ARTIFACTS / "sample-one-day.png"))


def test_filter_state_is_in_the_url_hash_and_restored_from_it(browser, built_dir):
    from selenium.webdriver.common.by import By

    open_page(browser, built_dir / "graph.html", "#types=Person,GovernmentBody&events=Demand,Urge&structural=0")
    types = browser.execute_script("return [...new Set(window.newskg.shownNodeIds().map(id => window.newskg.data.nodes.find(n => n.id === id).type))].sort()")
    assert types == ["GovernmentBody", "Person"]
    assert not browser.find_element(By.CSS_SELECTOR, "input[data-filter='class-filters'][value='Reject']").is_selected()
    shown_kinds = browser.execute_script("return [...new Set(window.newskg.shownEdgeIds().map(id => window.newskg.data.edges.find(e => e.id === id).kind))].sort()")
    assert "structural" not in shown_kinds
    for row in _csv(browser):
        assert row["kind"] == "claim" or row["event_class"].lower() in {"demand", "urge"}, row
    browser.find_element(By.CSS_SELECTOR, "input[data-filter='type-filters'][value='NGO']").click()
    assert "NGO" in browser.execute_script("return decodeURIComponent(location.hash)")
    browser.find_element(By.ID, "reset").click()
    assert browser.execute_script("return location.hash") == ""


def test_document_filter_and_exports(browser, built_dir):
    from selenium.webdriver.common.by import By

    open_page(browser, built_dir / "graph.html")
    rows = _csv(browser)
    demands = [r for r in rows if r["source"] == "European Parliament" and r["relation"] == "demands" and r["target"] == "European Commission"]
    assert len(demands) == 3  # three different sentences, three documents
    resolution = next(r for r in demands if r["documents"] == "004_af0515bfd730e919.txt")
    assert resolution["document_dates"] == "2024-11-28" and resolution["evidence"].startswith("5. Calls on the Commission")
    assert any(r["kind"] == "claim" and r["source"] == "Chin Malin" for r in rows)
    docs = browser.execute_script("return window.newskg.data.documents.map(d => d.file)")
    browser.find_element(By.ID, "doc-filters").click()
    browser.find_element(By.ID, "docs-none").click()
    browser.find_element(By.CSS_SELECTOR, f"input[data-filter='doc-list'][value='{docs.index('004_af0515bfd730e919.txt')}']").click()
    only = _csv(browser)
    assert only and all(r["documents"] == "004_af0515bfd730e919.txt" for r in only)
    assert "Documents (1 of 5)" in browser.find_element(By.ID, "doc-summary").text
    png = browser.execute_script("return window.newskg.exportPng()")
    assert png.startswith("data:image/png;base64,")
    raw = base64.b64decode(png.split(",", 1)[1])
    width, height = int.from_bytes(raw[16:20], "big"), int.from_bytes(raw[20:24], "big")
    canvas = browser.execute_script("const c = document.querySelector('#network canvas'); return [c.width, c.height]")
    assert [width, height] == canvas and len(raw) > 10_000
    browser.find_element(By.ID, "export-csv").click()  # the download itself must not fail
    assert severe_logs(browser) == []


def test_names_from_documents_run_nothing_and_controls_are_removed(browser, tmp_path):
    import networkx as nx

    from newskg.output.page import write_page

    evil = '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script>'
    graph = nx.MultiDiGraph()
    graph.add_node("a", label=evil, type="Person", names=["ហ៊ុន សែន"], mentions=[{"document": "<b>d</b>.txt", "sentence": evil}])
    graph.add_node("b", label="Gorm \u202eRevo\u202c Union", type="NGO", names=[], mentions=[])
    graph.add_edge("a", "b", key="supports", predicate="supports", label="supports", kind="interaction", evidence=[])
    page = write_page(graph, tmp_path / "evil.html")
    open_page(browser, page)
    browser.execute_script("window.newskg.showNode('a')")
    assert browser.execute_script("return window.__pwned === undefined")
    assert browser.execute_script("return document.querySelector('#panel h2').textContent") == evil
    assert "ហ៊ុន សែន" in browser.execute_script("return document.querySelector('#panel').textContent")
    search(browser, "gorm revo union")
    assert browser.execute_script("return document.querySelector('#panel h2').textContent") == "Gorm Revo Union"
    assert browser.execute_script("return window.newskg.nodes.get('b').label") == "Gorm Revo Union"


def test_a_control_page_under_the_same_policy_runs_no_inline_code(browser, tmp_path, built_dir):
    import re

    page = (built_dir / "graph.html").read_text(encoding="utf-8")
    policy_meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="[^"]+">', page).group(0)
    control = tmp_path / "control.html"
    control.write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8">{policy_meta}<title>control</title></head>'
        '<body onload="document.title=\'onload ran\'">'
        '<img src="data:image/png;base64,AAAA" onerror="document.title=\'onerror ran\'">'
        '<script>document.title = "inline ran";</script>'
        '<a id="go" href="javascript:document.title=\'link ran\'">go</a></body></html>', encoding="utf-8")
    browser.get(control.as_uri())
    browser.find_element("id", "go").click()
    browser.execute_script("return 1")  # let pending events run
    assert browser.title == "control"
    blocked = [m for m in severe_logs(browser) if "Content Security Policy" in m]
    assert len(blocked) >= 3  # the inline script, the handlers and the javascript: link were each refused


def test_two_thousand_actors_settle_fast_and_stay_interactive(browser, tmp_path):
    import networkx as nx
    from selenium.webdriver.common.by import By

    from newskg.output.page import write_page

    graph = nx.MultiDiGraph()
    for i in range(2000):
        graph.add_node(str(i), label=f"Actor {i}", type=["Person", "NGO", "GovernmentBody"][i % 3], names=[], mentions=[], events=0)
        if i:
            graph.add_edge(str(i), str(i // 4), key="supports", predicate="supports", label="supports", kind="interaction", evidence=[])
    for node in graph:
        graph.nodes[node]["events"] = graph.degree(node)
    page = write_page(graph, tmp_path / "big.html")
    settled = []
    for _ in range(2):  # the better of two loads: a busy machine slows one, not the page
        open_page(browser, page)
        settled.append(browser.execute_script("return window.newskg.settledMs"))
    assert browser.execute_script("return window.newskg.drawnNodeCount()") == 2000
    assert browser.execute_script("return window.newskg.network.physics.options.enabled") is False
    figures = browser.execute_script(OVERLAPS)
    search(browser, "Actor 1999")
    assert browser.find_element(By.CSS_SELECTOR, "#panel h2").text == "Actor 1999"
    browser.find_element(By.CSS_SELECTOR, "input[data-filter='type-filters'][value='NGO']").click()
    assert browser.execute_script("return window.newskg.drawnNodeCount()") < 2000
    keep("two-thousand", {"settledMs": settled, "timings": browser.execute_script("return window.newskg.timings"),
                          "discPairs": len(figures["discPairs"]), "scale": figures["scale"]})
    browser.save_screenshot(str(ARTIFACTS / "two-thousand.png"))
    assert figures["discPairs"] == []
    assert min(settled) < 5000, settled  # the acceptance figure: settled, physics off, in under 5 s
    assert severe_logs(browser) == []


def test_clicking_an_edge_shows_its_evidence(browser, built_dir):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    open_page(browser, built_dir / "graph.html")
    # Find a point on the drawn edge Khun Tharo -> CENTRAL that vis-network itself reports as the edge.
    found = browser.execute_script("""
        const nk = window.newskg, net = nk.network;
        const tharo = nk.data.nodes.find(n => n.label === 'Khun Tharo').id;
        const edge = nk.data.edges.find(e => e.from === tharo && e.kind === 'structural');
        const ends = net.getPositions([edge.from, edge.to]);
        const a = ends[edge.from], b = ends[edge.to];
        for (let i = 20; i <= 80; i += 2) {
            const p = net.canvasToDOM({x: a.x + (b.x - a.x) * i / 100, y: a.y + (b.y - a.y) * i / 100});
            for (const d of [0, 1, -1, 2, -2]) {
                const q = {x: p.x + d, y: p.y + d};
                if (net.getEdgeAt(q) === edge.id && net.getNodeAt(q) === undefined) return [edge.id, q.x, q.y];
            }
        }
        return null;""")
    assert found is not None, "no clickable point on the edge at the fit view"
    edge_id, x, y = found
    canvas = browser.find_element(By.CSS_SELECTOR, "#network canvas")
    size = canvas.size
    ActionChains(browser).move_to_element_with_offset(canvas, int(x - size["width"] / 2), int(y - size["height"] / 2)).click().perform()
    panel = browser.find_element(By.ID, "panel")
    assert panel.get_attribute("data-kind") == "edge" and panel.get_attribute("data-id") == edge_id
    assert "member of" in panel.find_element(By.TAG_NAME, "h2").text
    assert "programme manager" in panel.text and "004_af0515bfd730e919.txt" in panel.text


def test_clicking_the_main_story_opens_the_right_actor_and_its_events(browser, built_dir, sample_kg):
    from selenium.webdriver.common.by import By

    graph = sample_kg.to_networkx()
    assembly = next(n for n in graph if graph.nodes[n]["label"] == "National Assembly")
    open_page(browser, built_dir / "graph.html")
    click_node(browser, assembly)  # no longer drawn under the European Parliament
    panel = browser.find_element(By.ID, "panel")
    assert panel.get_attribute("data-id") == assembly
    events = [li.text for li in panel.find_elements(By.CSS_SELECTOR, "li") if li.get_attribute("data-cls")]
    assert any("National Assembly rejects European Parliament" in e for e in events)
    assert any("source: 001_35e423ef426df5d8.txt" in e or "001_35e423ef426df5d8.txt" in e for e in events)
    browser.save_screenshot(str(ARTIFACTS / "graph.png"))


def test_an_event_without_a_relation_edge_is_shown_and_exported(browser, tmp_path):
    import networkx as nx

    from newskg.output.page import write_page

    graph = nx.MultiDiGraph()
    graph.graph["documents"] = {"d.txt": {"file": "d.txt", "title": "Detained", "date": "2031-04-03"}}
    graph.graph["events"] = {"ev": {"eventClass": "ARREST", "trigger": "detained", "source": [], "target": ["p"], "theme": [], "place": [],
                                    "eventDate": "2031-04-02", "documentDate": "2031-04-03", "document": "d.txt",
                                    "sentence": "Ilse Varn was detained on 2 April.", "mode": "asserted", "negated": False}}
    graph.add_node("p", label="Ilse Varn", type="Person", names=[], mentions=[], events=1)
    graph.add_node("q", label="Nobody Inparticular", type="Person", names=[], mentions=[], events=0)
    open_page(browser, write_page(graph, tmp_path / "event.html"))
    assert browser.execute_script("return window.newskg.shownNodeIds()") == ["p"]
    browser.execute_script("window.newskg.showNode('p')")
    assert "arrest Ilse Varn" in browser.find_element("id", "panel").text and "d.txt" in browser.find_element("id", "panel").text
    (row,) = [r for r in _csv(browser) if r["kind"] == "event"]
    assert (row["target"], row["event_class"], row["event_date"], row["documents"]) == ("Ilse Varn", "arrest", "2031-04-02", "d.txt")


def test_overlap_removal_separates_a_pile_and_keeps_links_clickable(browser, built_dir):
    open_page(browser, built_dir / "graph.html")
    result = browser.execute_script("""
        const L = window.newskgLayout;
        const boxes = [];
        for (let i = 0; i < 120; i++) boxes.push({ x: (i % 3) * 0.5, y: 0, r: 4 + (i % 7), half: 20 + (i % 5) * 15, top: 4 + (i % 7), below: 30 });
        const links = [[0, 1], [1, 2], [5, 9]];
        const report = L.tidy(boxes, links, 400);
        const far = links.every(([a, b]) => Math.hypot(boxes[a].x - boxes[b].x, boxes[a].y - boxes[b].y) >= boxes[a].r + boxes[b].r + 36);
        const groups = L.groupsOf(6, [[0, 1], [2, 3], [3, 4]]).map(g => g.length).sort();
        return { left: L.overlaps(boxes).length, report, far, groups };""")
    assert result["left"] == 0 and result["report"]["overlaps"] == 0
    assert result["far"] is True
    assert result["groups"] == [1, 2, 3]


def test_one_sentence_from_two_copies_is_shown_once_with_both_sources(browser, tmp_path):
    import networkx as nx

    from newskg.output.page import write_page

    graph = nx.MultiDiGraph()
    graph.graph["documents"] = {f: {"file": f, "title": "Vornish court jails editor", "date": d} for f, d in [("wire-a.txt", "2031-03-04"), ("wire-b.txt", "2031-03-05")]}
    graph.add_node("court", label="Vornish High Court", type="Court", names=[], mentions=[], events=1)
    graph.add_node("ed", label="Tamsin Orrery", type="Person", names=[], mentions=[], events=1)
    sentence = "The Vornish High Court sentenced Tamsin Orrery on Monday."
    graph.add_edge("court", "ed", key="sentences", predicate="sentences", label="sentences", kind="interaction", evidence=[
        {"document": f, "sentence": sentence, "eventDate": "Monday", "documentDate": d, "eventClass": "sentences"}
        for f, d in [("wire-a.txt", "2031-03-04"), ("wire-b.txt", "2031-03-05")]])
    open_page(browser, write_page(graph, tmp_path / "copies.html"))
    browser.execute_script("window.newskg.showNode('ed')")
    panel = browser.find_element("id", "panel").text
    assert panel.count(sentence) == 1
    assert ("event date: Monday · 2 sources: wire-a.txt (Vornish court jails editor) · 2031-03-04 · "
            "wire-b.txt (Vornish court jails editor) · 2031-03-05") in panel
    (row,) = _csv(browser)
    assert row["documents"] == "wire-a.txt; wire-b.txt" and row["document_dates"] == "2031-03-04; 2031-03-05"


def test_a_capped_page_says_what_it_left_out(browser, tmp_path):
    from newskg.output.page import PageOptions, write_page
    from tests.output.test_page_bounds import copied_story

    tight = PageOptions(sentences_per_relation=2, sources_per_item=3, claims_per_actor=1, events_per_actor=1)
    open_page(browser, write_page(copied_story(copies=8, distinct=4), tmp_path / "capped.html", tight))
    browser.execute_script("window.newskg.showNode('ed')")
    panel = browser.find_element("id", "panel").text
    assert "the first 3 sources: wire-000.txt" in panel and "more in the RDF" in panel
    assert "count 0." in panel and "count 1." in panel and "count 2." not in panel
    browser.execute_script("window.newskg.showNode('union')")
    assert "… 3 more claims in the RDF" in browser.find_element("id", "panel").text
    browser.execute_script("window.newskg.showNode('lone')")
    assert "… 3 more events with no relation in the RDF" in browser.find_element("id", "panel").text
