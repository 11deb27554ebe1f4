import os

import httpx

client = httpx.Client(
    base_url=os.environ.get(
        "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
    ),
    headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"},
)

# 1. A standalone volume for data that must outlive any one workstation.
data = client.post("/volumes", json={"size_gb": 100}).json()
print(data["id"], data["standalone"], data["attached_to"])
#> vol-zuajavqg True None

# 2. A workstation with it attached: it also gets a volume of its own.
ws = client.post(
    "/workstations",
    json={"name": "scratch", "machine_type": "standard-2", "volume_ids": [data["id"]]},
).json()
own = ws["volume_ids"][0]
print(ws["id"], ws["volume_ids"])
#> ws-rjd71mnh ['vol-bxcndm1j', 'vol-zuajavqg']

# 3. Stop and delete the workstation: its own volume goes,
#    the standalone one stays.
stopped = client.post(f"/workstations/{ws['id']}/stop").raise_for_status()
result = client.delete(f"/workstations/{ws['id']}").json()
print(result["deleted_volume_ids"] == [own], result["detached_volume_ids"])
#> True ['vol-zuajavqg']
print(client.get(f"/volumes/{data['id']}").json()["attached_to"])
#> None

# 4. Attach the kept volume to ws-12345 (stopped), next to the ones it has.
r = client.patch(
    "/workstations/ws-12345",
    json={"volume_ids": ["vol-data12345", data["id"]]},
)
print(r.json()["volume_ids"])
#> ['vol-boot12345', 'vol-data12345', 'vol-zuajavqg']
