import os
import uuid

import httpx

client = httpx.Client(
    base_url=os.environ.get(
        "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
    ),
    headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"},
)

# A new key for each new volume, written as a quoted string.
headers = {"Idempotency-Key": f'"{uuid.uuid4()}"'}

first = client.post("/volumes", json={"size_gb": 250}, headers=headers)
print(first.status_code, first.headers["Location"])
#> 201 /v1/volumes/vol-zuajavqg

# The answer was lost: the same request again, with the same key,
# answers the same volume and creates nothing.
retry = client.post("/volumes", json={"size_gb": 250}, headers=headers)
print(retry.status_code, retry.headers["Location"], retry.json() == first.json())
#> 201 /v1/volumes/vol-zuajavqg True
sizes = [v["size_gb"] for v in client.get("/volumes").json()["data"]]
print(sizes.count(250))
#> 1
