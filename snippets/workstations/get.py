import os

import httpx

client = httpx.Client(
    base_url=os.environ.get(
        "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
    ),
    headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"},
)

r = client.get("/workstations/ws-12345")
workstation = r.json()
print(r.status_code, workstation["name"], workstation["status"])
#> 200 dev-box stopped
print(workstation["volume_ids"])
#> ['vol-boot12345', 'vol-data12345']
