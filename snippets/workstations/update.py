import os

import httpx

client = httpx.Client(
    base_url=os.environ.get(
        "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
    ),
    headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"},
)

# ws-12345 is stopped. Rename it, give it more CPUs, and swap its standalone
# volume: vol-data12345 is detached, vol-scratch01 attached.
r = client.patch(
    "/workstations/ws-12345",
    json={
        "name": "dev-box-large",
        "machine_type": "standard-8",
        "volume_ids": ["vol-scratch01"],
    },
)
workstation = r.json()
print(r.status_code, workstation["name"], workstation["machine_type"])
#> 200 dev-box-large standard-8
print(workstation["volume_ids"])
#> ['vol-boot12345', 'vol-scratch01']
print(client.get("/volumes/vol-data12345").json()["attached_to"])
#> None
