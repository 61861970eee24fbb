from tests.factories import create_tenant, signed_in_user


def test_sign_up_to_tenant(client):
    email, headers = signed_in_user(client)
    me = client.get("/api/auth/me", headers=headers)
    assert me.status_code == 200 and me.get_json()["email"] == email
    tenant = create_tenant(client, headers, "x-delivery", name="X Delivery System")
    assert tenant["role"] == "owner"
