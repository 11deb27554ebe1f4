import os

import httpx

client = httpx.Client(
    base_url=os.environ.get(
        "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
    ),
    headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"},
)

# A cursor of the list of all workstations, one a page...
first = client.get("/workstations", params={"limit": 1}).json()
cursor = first["next_cursor"]
print(cursor)
#> s4-ZJd-vzYLOhhT9fzjbze_g

# ...gets the next page of that list, with any limit.
r = client.get("/workstations", params={"limit": 5, "cursor": cursor})
print(r.status_code, [w["id"] for w in r.json()["data"]])
#> 200 ['ws-67890']

# Another list, another filter, or a changed character: 400, naming the cursor.
edited = cursor[:-1] + ("A" if cursor[-1] != "A" else "B")
for path, params in [
    ("/volumes", {"cursor": cursor}),
    ("/workstations", {"cursor": cursor, "status": "running"}),
    ("/workstations", {"cursor": edited}),
]:
    r = client.get(path, params=params)
    print(r.status_code, r.json()["errors"][0]["field"])
    #> 400 query.cursor
    #> 400 query.cursor
    #> 400 query.cursor
