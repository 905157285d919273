"""MIT's own reading of krb5.conf files, for test/lab/krb5-ini.test.ts.

Reads one JSON request per stdin line: {"file": path, "values": [[section, ..., tag], ...],
"hosts": [host, ...], "walks": [[client, server], ...]} and answers one JSON line: {"code":
the error of MIT's profile parser (profile_init_path; 0 when it reads the file), "values": the
values of each path (profile_get_values), "hosts": the realm krb5_get_host_realm maps each
host to (null when no [domain_realm] entry applies), "walks": the realms krb5_walk_realm_tree
names from client to server (its [capaths] entry, or else the hierarchical path)}. Calls
libkrb5 through ctypes: no headers or build needed.
"""
import ctypes
import json
import os
import sys

krb5 = ctypes.CDLL("libkrb5.so.3")
c_char_pp = ctypes.POINTER(ctypes.c_char_p)
krb5.profile_init_path.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
krb5.profile_init_path.restype = ctypes.c_long
krb5.profile_get_values.argtypes = [ctypes.c_void_p, c_char_pp, ctypes.POINTER(c_char_pp)]
krb5.profile_get_values.restype = ctypes.c_long
krb5.profile_free_list.argtypes = [c_char_pp]
krb5.profile_release.argtypes = [ctypes.c_void_p]
krb5.krb5_init_context.argtypes = [ctypes.POINTER(ctypes.c_void_p)]
krb5.krb5_init_context.restype = ctypes.c_int
krb5.krb5_free_context.argtypes = [ctypes.c_void_p]
krb5.krb5_get_host_realm.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(c_char_pp)]
krb5.krb5_get_host_realm.restype = ctypes.c_int
krb5.krb5_free_host_realm.argtypes = [ctypes.c_void_p, c_char_pp]


class Data(ctypes.Structure):
    _fields_ = [("magic", ctypes.c_int32), ("length", ctypes.c_uint32), ("data", ctypes.c_void_p)]


class Principal(ctypes.Structure):
    _fields_ = [("magic", ctypes.c_int32), ("realm", Data), ("data", ctypes.POINTER(Data)), ("length", ctypes.c_int32), ("type", ctypes.c_int32)]


PrincipalPP = ctypes.POINTER(ctypes.POINTER(Principal))
krb5.krb5_walk_realm_tree.argtypes = [ctypes.c_void_p, ctypes.POINTER(Data), ctypes.POINTER(Data), ctypes.POINTER(PrincipalPP), ctypes.c_int]
krb5.krb5_walk_realm_tree.restype = ctypes.c_int
krb5.krb5_free_realm_tree.argtypes = [ctypes.c_void_p, PrincipalPP]


def data(text):
    raw = text.encode()
    return Data(0, len(raw), ctypes.cast(ctypes.c_char_p(raw), ctypes.c_void_p)), raw


def walk(ctx, client, server):
    (c, keep_c), (s, keep_s) = data(client), data(server)
    tree = PrincipalPP()
    if krb5.krb5_walk_realm_tree(ctx, ctypes.byref(c), ctypes.byref(s), ctypes.byref(tree), ord(".")) != 0:
        return None
    path = []
    i = 0
    while tree[i]:
        instance = tree[i].contents.data[1]
        path.append(ctypes.string_at(instance.data, instance.length).decode("utf-8", "replace"))
        i += 1
    krb5.krb5_free_realm_tree(ctx, tree)
    return path


def values(profile, path):
    names = (ctypes.c_char_p * (len(path) + 1))(*[p.encode() for p in path], None)
    out = c_char_pp()
    if krb5.profile_get_values(profile, names, ctypes.byref(out)) != 0:
        return []
    found = []
    i = 0
    while out[i] is not None:
        found.append(out[i].decode("utf-8", "replace"))
        i += 1
    krb5.profile_free_list(out)
    return found


def with_context(path, hosts, walks):
    os.environ["KRB5_CONFIG"] = path
    ctx = ctypes.c_void_p()
    if krb5.krb5_init_context(ctypes.byref(ctx)) != 0:
        return None, None
    answers = []
    for host in hosts:
        realms = c_char_pp()
        if krb5.krb5_get_host_realm(ctx, host.encode(), ctypes.byref(realms)) != 0:
            answers.append(None)
            continue
        realm = realms[0].decode() if realms[0] is not None else ""
        answers.append(realm or None)
        krb5.krb5_free_host_realm(ctx, realms)
    paths = [walk(ctx, client, server) for client, server in walks]
    krb5.krb5_free_context(ctx)
    return answers, paths


for line in sys.stdin:
    request = json.loads(line)
    profile = ctypes.c_void_p()
    code = krb5.profile_init_path(request["file"].encode(), ctypes.byref(profile))
    answer = {"code": code, "values": [], "hosts": None, "walks": None}
    if code == 0:
        answer["values"] = [values(profile, p) for p in request["values"]]
        krb5.profile_release(profile)
        answer["hosts"], answer["walks"] = with_context(request["file"], request["hosts"], request["walks"])
    print(json.dumps(answer), flush=True)
