import os

import httpx

client = httpx.Client(
    base_url=os.environ.get(
        "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
    ),
    headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"},
)

# A GPU workstation with a 100 GiB volume of its own, and the standalone
# vol-scratch01 attached.
r = client.post(
    "/workstations",
    json={
        "name": "ml-box",
        "machine_type": "gpu-t4",
        "disk_size_gb": 100,
        "volume_ids": ["vol-scratch01"],
    },
)
print(r.status_code, r.headers["Location"])
#> 201 /v1/workstations/ws-u5fvlr50
workstation = r.json()
print(workstation["status"], workstation["volume_ids"])
#> running ['vol-h8rscm7s', 'vol-scratch01']
