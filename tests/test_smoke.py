from tests.support import Api


async def test_me(api: Api) -> None:
    data = await api.data("{ me { email activeWorkspace { id kind name availableBalance } } }")
    assert data["me"]["activeWorkspace"]["kind"] == "SUPER_ORGANIZATION"
