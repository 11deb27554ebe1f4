import os

import httpx

client = httpx.Client(
    base_url=os.environ.get(
        "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
    ),
    headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"},
)

# A well-formed ID that no workstation has: 404.
r = client.get("/workstations/ws-00000")
print(r.status_code, r.json()["code"])
#> 404 not_found

# Not a workstation ID at all: 400.
r = client.get("/workstations/WS_12345")
print(r.status_code, r.json()["code"])
#> 400 invalid_id
