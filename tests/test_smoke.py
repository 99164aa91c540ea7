def test_open_and_read(api):
    case = api.open_case()
    got = api.call("GET", f"/v1/cases/{case['case_id']}")
    assert got.status_code == 200, got.body
    assert got.data["tlp"] == "AMBER"
