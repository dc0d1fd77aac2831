"""`claimgraph names`: test the name-matching decision entity resolution makes, on two names or on a
CSV of pairs. Thin commands over `claimgraph.resolve.compare.same_entity`."""

from __future__ import annotations

import csv
import json
import sys
from typing import Annotated, Optional

import typer

names_app = typer.Typer(help="Test whether two names denote the same entity, as entity resolution decides it "
                             "(`claimgraph names compare \"Gholam Hossein Kazemi\" \"Gholamhossein Kazemi\"`).",
                        no_args_is_help=True)


def compare_csv(rows, out, default_schema: str = "Person") -> int:
    """Read rows of name1,name2[,schema] and write name1,name2,schema,match,score,reason. A header row
    naming name1 and name2 (and optionally schema) may put those columns anywhere. Returns the number
    of pairs written."""
    from ..resolve.compare import same_entity

    writer = csv.writer(out)
    writer.writerow(["name1", "name2", "schema", "match", "score", "reason"])
    n = 0
    i1, i2, isch = 0, 1, 2
    for i, row in enumerate(rows):
        if not row or not any(c.strip() for c in row):
            continue
        head = [c.strip().lower() for c in row]
        if i == 0 and "name1" in head and "name2" in head:
            i1, i2 = head.index("name1"), head.index("name2")
            isch = head.index("schema") if "schema" in head else None
            continue
        if len(row) <= max(i1, i2):
            raise typer.BadParameter(f"line {i + 1}: expected name1,name2[,schema]")
        schema = row[isch].strip() if isch is not None and len(row) > isch and row[isch].strip() else default_schema
        d = same_entity(row[i1], row[i2], schema)
        writer.writerow([row[i1], row[i2], schema, str(d.match).lower(), f"{d.score:.3f}", d.reason])
        n += 1
    return n


@names_app.command("compare")
def compare_cli(
    name1: Annotated[Optional[str], typer.Argument(help="First name.")] = None,
    name2: Annotated[Optional[str], typer.Argument(help="Second name.")] = None,
    schema: Annotated[str, typer.Option(help="Person, Organization, Company, LegalEntity, Vessel ... "
                                             "(for --csv: the default when a row has no schema column).")] = "Person",
    csv_file: Annotated[Optional[str], typer.Option("--csv", help="CSV file of name1,name2[,schema] rows ('-' for "
                                                                  "stdin); writes name1,name2,schema,match,score,reason to stdout.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Also print how each name is read (tokens, "
                                                            "country) and the blocking keys resolution "
                                                            "would compare them under.")] = False,
) -> None:
    """Do two names denote the same entity? Prints match, score and the rule that decided."""
    from ..resolve.compare import same_entity

    if csv_file:
        fh = sys.stdin if csv_file == "-" else open(csv_file, newline="", encoding="utf-8")
        try:
            compare_csv(csv.reader(fh), sys.stdout, schema)
        except FileNotFoundError as exc:
            raise typer.BadParameter(str(exc)) from exc
        finally:
            if fh is not sys.stdin:
                fh.close()
        return
    if name1 is None or name2 is None:
        raise typer.BadParameter("give two names, or --csv FILE")
    d = same_entity(name1, name2, schema)
    out = {"name1": name1, "name2": name2, "schema": schema, "match": d.match, "score": d.score, "reason": d.reason}
    if explain:
        out["explain"] = explain_pair(name1, name2, schema)
    if as_json:
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        return
    typer.echo(f"{'match' if d.match else 'no match'}\t{d.score:.3f}\t{d.reason}")
    if explain:
        ex = out["explain"]
        for side in ("name1", "name2"):
            typer.echo(f"{side}: {ex[side]['name']!r} -> tokens {' '.join(ex[side]['tokens'])}"
                       + (f", country {ex[side]['country']}" if ex[side]["country"] else ""))
        shared = ", ".join(ex["shared_keys"]) or "none: resolution never compares these two names"
        typer.echo(f"shared blocking keys ({ex['family']}): {shared}")


def explain_pair(name1: str, name2: str, schema: str) -> dict:
    """How resolution reads two names: tokens, country, and the blocking keys they share (resolution
    only compares names that share a key, then applies the same decision as `names compare`)."""
    from ..names import country_code
    from ..resolve.compare import is_person, org_tokens, person_tokens
    from ..resolve.entities import block_keys

    person = is_person(schema) or schema.strip().upper() == "PERSON"
    fam = "PERSON" if person else "ORG"

    def side(name: str) -> dict:
        return {"name": name, "tokens": person_tokens(name) if person else org_tokens(name)[0],
                "country": None if person else country_code(name), "keys": sorted(block_keys(fam, name))}

    a, b = side(name1), side(name2)
    return {"family": fam, "name1": a, "name2": b, "shared_keys": sorted(set(a["keys"]) & set(b["keys"]))}
