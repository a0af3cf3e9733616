/*
 * Ferrite's C ABI check: calls every export of a built libferrite (linked against the very file that goes into the
 * jar) with known-answer inputs and with bad arguments, and prints one line per kernel. Built for each bundled
 * platform and run there or under an emulator (qemu-aarch64, wine) by bindings/src/test/c/abi-check.sh, so the
 * packed artifact itself is what is tested, not only the Rust test binaries.
 *
 * Usage: abi_check VECTORS_DIR   (java-api/src/test/resources/vectors: ed25519/sign.input, argon2/argon2-kat.tsv,
 *                                 wycheproof/aes_gcm_test.json, wycheproof/ed25519_test.json)
 * Exit status 0 when every check passed, 1 otherwise (each failure is printed).
 *
 * Known answers: SHA-256 from FIPS 180-2 appendix B; AES-GCM from McGrew and Viega's GCM specification (test cases
 * 1, 2, 10, 13, 14, 16) and Wycheproof's 316 AES-GCM cases; Ed25519 from D. J. Bernstein's sign.input (the source
 * of RFC 8032 section 7.1) and Wycheproof's 151 verification cases; Argon2 from RFC 9106 section 5 and the reference
 * implementation's test suite (argon2-kat.tsv); X25519 from RFC 7748 section 6.1; HKDF-SHA256 from RFC 5869 appendix A;
 * HPKE from RFC 9180 appendix A.1.1 (DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, base mode: DeriveKeyPair,
 * enc, the first encryption and the first export); silhouette values worked out by hand (six points on a line, two
 * cosine directions).
 */
#define __USE_MINGW_ANSI_STDIO 1
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ferrite.h"

static unsigned long long checks;
static unsigned long long failures;

#define CHECK(cond, ...)                                        \
  do {                                                          \
    checks++;                                                   \
    if (!(cond)) {                                              \
      failures++;                                               \
      fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);      \
      fprintf(stderr, __VA_ARGS__);                             \
      fputc('\n', stderr);                                      \
    }                                                           \
  } while (0)

#define OK FERRITE_STATUS_OK
#define BAD FERRITE_STATUS_INVALID_ARGUMENT
#define AUTH FERRITE_STATUS_AUTHENTICATION_FAILED

/* Decodes the hex string s (length 2 n) into out (n bytes); returns n, or (size_t)-1 on a non-hex character. */
static size_t unhex(const char *s, size_t hex_len, uint8_t *out) {
  size_t i;
  for (i = 0; i + 1 < hex_len; i += 2) {
    unsigned v = 0;
    int k;
    for (k = 0; k < 2; k++) {
      char c = s[i + k];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
      else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
      else return (size_t)-1;
    }
    out[i / 2] = (uint8_t)v;
  }
  return hex_len / 2;
}

/* Heap copy of a hex string's bytes; *len_out gets the length. Never returns NULL (exits on failure). */
static uint8_t *from_hex(const char *s, size_t *len_out) {
  size_t n = strlen(s);
  uint8_t *out = malloc(n / 2 + 1);
  if (out == NULL || (n % 2) != 0 || unhex(s, n, out) == (size_t)-1) {
    fprintf(stderr, "abi_check: bad hex literal %s\n", s);
    exit(1);
  }
  *len_out = n / 2;
  return out;
}

static int same_hex(const uint8_t *bytes, size_t len, const char *hex) {
  size_t n;
  uint8_t *expected = from_hex(hex, &n);
  int same = n == len && memcmp(bytes, expected, len) == 0;
  free(expected);
  return same;
}

static int all_zero(const uint8_t *bytes, size_t len) {
  size_t i;
  for (i = 0; i < len; i++) {
    if (bytes[i] != 0) return 0;
  }
  return 1;
}

static void check_library(void) {
  size_t live = 99, written = 99;
  uint8_t msg[64];
  CHECK(ferrite_abi_version() == FERRITE_ABI_VERSION, "ferrite_abi_version() = %d, header says %d",
        (int)ferrite_abi_version(), FERRITE_ABI_VERSION);
  CHECK(ferrite_noop() == OK, "ferrite_noop");
  CHECK(ferrite_live_handles(&live) == OK && live == 0, "live handles at start: %llu", (unsigned long long)live);
  CHECK(ferrite_live_handles(NULL) == BAD, "ferrite_live_handles(NULL)");
  CHECK(ferrite_last_error(msg, sizeof msg, &written) == OK && written == 0, "no last error yet, wrote %llu",
        (unsigned long long)written);
  CHECK(ferrite_last_error(msg, sizeof msg, NULL) == BAD, "ferrite_last_error with a null count");
  /* Two workers, before any parallel call: accepted. */
  CHECK(ferrite_pool_configure(2) == OK, "ferrite_pool_configure(2) before the first parallel call");
}

static void check_sha256(void) {
  static const char *abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  static const char *two_blocks = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
  static const char *empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  static const char *million_a = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
  static const char *m2 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  uint8_t out[32 * 3];
  uint8_t packed[3 + 56];
  uint64_t offsets[4] = {0, 0, 3, 59};
  struct FerriteSha256State *state = NULL;
  uint8_t *chunk;
  size_t done, step;
  size_t live = 99;

  CHECK(ferrite_sha256_digest((const uint8_t *)"abc", 3, out, 32) == OK && same_hex(out, 32, abc), "sha256(abc)");
  CHECK(ferrite_sha256_digest((const uint8_t *)m2, 56, out, 32) == OK && same_hex(out, 32, two_blocks),
        "sha256 of the two-block message");
  CHECK(ferrite_sha256_digest(NULL, 0, out, 32) == OK && same_hex(out, 32, empty), "sha256 of nothing (null, 0)");
  CHECK(ferrite_sha256_digest((const uint8_t *)"abc", 3, out, 31) == BAD, "sha256 into 31 bytes");
  CHECK(ferrite_sha256_digest(NULL, 3, out, 32) == BAD, "sha256 of a null pointer with length 3");

  memcpy(packed, "abc", 3);
  memcpy(packed + 3, m2, 56);
  memset(out, 0, sizeof out);
  CHECK(ferrite_sha256_digest_batch(packed, sizeof packed, offsets, 3, out, sizeof out) == OK
            && same_hex(out, 32, empty) && same_hex(out + 32, 32, abc) && same_hex(out + 64, 32, two_blocks),
        "sha256 batch of three messages");
  offsets[1] = 5; /* decreasing offsets */
  CHECK(ferrite_sha256_digest_batch(packed, sizeof packed, offsets, 3, out, sizeof out) == BAD,
        "sha256 batch with decreasing offsets");
  CHECK(ferrite_sha256_digest_batch(packed, sizeof packed, offsets, 3, out, 95) == BAD, "sha256 batch, short out");

  CHECK(ferrite_sha256_new(&state) == OK && state != NULL, "ferrite_sha256_new");
  chunk = malloc(1000);
  if (chunk == NULL) exit(1);
  memset(chunk, 'a', 1000);
  /* One million 'a' in uneven pieces. */
  for (done = 0, step = 1; done < 1000000; done += step, step = step % 997 + 1) {
    if (step > 1000000 - done) step = 1000000 - done;
    if (ferrite_sha256_update(state, chunk, step) != OK) {
      CHECK(0, "ferrite_sha256_update at %llu", (unsigned long long)done);
      break;
    }
  }
  free(chunk);
  CHECK(ferrite_sha256_finish(state, out, 32) == OK && same_hex(out, 32, million_a), "incremental one million 'a'");
  CHECK(ferrite_sha256_update(state, (const uint8_t *)"abc", 3) == OK && ferrite_sha256_finish(state, out, 32) == OK
            && same_hex(out, 32, abc), "incremental state reused after finish");
  CHECK(ferrite_live_handles(&live) == OK && live == 1, "one live handle while the state is open: %llu",
        (unsigned long long)live);
  CHECK(ferrite_sha256_finish(state, out, 16) == BAD, "finish into 16 bytes");
  CHECK(ferrite_sha256_update(NULL, (const uint8_t *)"abc", 3) == BAD, "update of a null state");
  CHECK(ferrite_sha256_free(state) == OK, "ferrite_sha256_free");
  CHECK(ferrite_sha256_free(NULL) == OK, "ferrite_sha256_free(NULL)");
  CHECK(ferrite_sha256_new(NULL) == BAD, "ferrite_sha256_new(NULL)");
}

/* Reads a whole text file; NULL (and a failure) when it can't. */
static char *read_file(const char *dir, const char *name) {
  char path[4096];
  FILE *f;
  long size;
  char *text;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  f = fopen(path, "rb");
  if (f == NULL) {
    CHECK(0, "cannot open %s", path);
    return NULL;
  }
  fseek(f, 0, SEEK_END);
  size = ftell(f);
  fseek(f, 0, SEEK_SET);
  text = malloc((size_t)size + 1);
  if (text == NULL || fread(text, 1, (size_t)size, f) != (size_t)size) {
    fclose(f);
    CHECK(0, "cannot read %s", path);
    free(text);
    return NULL;
  }
  fclose(f);
  text[size] = '\0';
  return text;
}

/* Splits s at every sep in place (at most max fields); returns the number of fields. */
static int split(char *s, char sep, char **fields, int max) {
  int n = 0;
  fields[n++] = s;
  for (; *s != '\0' && n < max; s++) {
    if (*s == sep) {
      *s = '\0';
      fields[n++] = s + 1;
    }
  }
  return n;
}

#define ED_CASES 128

static void check_ed25519(const char *vectors) {
  char *text = read_file(vectors, "ed25519/sign.input");
  char *line, *next;
  int cases = 0;
  uint8_t *keys = malloc(32 * ED_CASES), *sigs = malloc(64 * ED_CASES), *messages = malloc(1024 * ED_CASES);
  uint64_t offsets[ED_CASES + 1];
  size_t messages_len = 0;
  uint8_t zero_seed[32] = {0};
  uint8_t pk[32], sig[64];
  struct FerriteEd25519SigningKey *key = NULL;
  if (text == NULL || keys == NULL || sigs == NULL || messages == NULL) exit(1);
  offsets[0] = 0;
  for (line = text; line != NULL && *line != '\0' && cases < ED_CASES; line = next) {
    char *fields[5];
    size_t seed_len, pk_len, msg_len, sig_len;
    uint8_t *seed, *expected_pk, *msg, *expected_sig;
    next = strchr(line, '\n');
    if (next != NULL) *next++ = '\0';
    if (split(line, ':', fields, 5) < 4) {
      CHECK(0, "sign.input line %d malformed", cases + 1);
      continue;
    }
    seed = from_hex(fields[0], &seed_len);
    expected_pk = from_hex(fields[1], &pk_len);
    msg = from_hex(fields[2], &msg_len);
    expected_sig = from_hex(fields[3], &sig_len);
    CHECK(ferrite_ed25519_signing_key_new(seed, 32, pk, sizeof pk, &key) == OK && memcmp(pk, expected_pk, 32) == 0,
          "ed25519 public key of case %d", cases + 1);
    CHECK(ferrite_ed25519_sign(key, msg, msg_len, sig, sizeof sig) == OK && memcmp(sig, expected_sig, 64) == 0,
          "ed25519 signature of case %d", cases + 1);
    CHECK(ferrite_ed25519_signing_key_free(key) == OK, "ferrite_ed25519_signing_key_free");
    CHECK(ferrite_ed25519_verify(expected_pk, 32, msg, msg_len, expected_sig, 64) == OK, "ed25519 verify of case %d",
          cases + 1);
    expected_sig[cases % 64] ^= 0x01;
    CHECK(ferrite_ed25519_verify(expected_pk, 32, msg, msg_len, expected_sig, 64) == AUTH,
          "ed25519 verify of case %d with a flipped bit", cases + 1);
    expected_sig[cases % 64] ^= 0x01;
    memcpy(keys + 32 * cases, expected_pk, 32);
    memcpy(sigs + 64 * cases, expected_sig, 64);
    if (msg_len > 1024) msg_len = 1024; /* sign.input's longest message is 1023 bytes */
    memcpy(messages + messages_len, msg, msg_len);
    messages_len += msg_len;
    offsets[cases + 1] = messages_len;
    free(seed);
    free(expected_pk);
    free(msg);
    free(expected_sig);
    cases++;
  }
  CHECK(cases == ED_CASES, "sign.input has %d cases, expected %d", cases, ED_CASES);
  CHECK(ferrite_ed25519_verify_batch(keys, 32 * (size_t)cases, messages, messages_len, offsets, (size_t)cases, sigs,
                                     64 * (size_t)cases) == OK,
        "ed25519 batch of %d valid signatures", cases);
  sigs[64 * 77 + 5] ^= 0x40;
  CHECK(ferrite_ed25519_verify_batch(keys, 32 * (size_t)cases, messages, messages_len, offsets, (size_t)cases, sigs,
                                     64 * (size_t)cases) == AUTH,
        "ed25519 batch with one bad signature");
  CHECK(ferrite_ed25519_verify_batch(NULL, 0, NULL, 0, offsets, 0, NULL, 0) == OK, "ed25519 empty batch");
  CHECK(ferrite_ed25519_verify(keys, 31, messages, 0, sigs, 64) == BAD, "ed25519 verify with a 31-byte key");
  CHECK(ferrite_ed25519_verify(keys, 32, messages, 0, sigs, 63) == BAD, "ed25519 verify with a 63-byte signature");
  CHECK(ferrite_ed25519_signing_key_new(zero_seed, 31, pk, sizeof pk, &key) == BAD, "ed25519 key from 31 bytes");
  CHECK(ferrite_ed25519_sign(NULL, messages, 0, sig, sizeof sig) == BAD, "ed25519 sign with a null key");
  CHECK(ferrite_ed25519_signing_key_free(NULL) == OK, "ferrite_ed25519_signing_key_free(NULL)");
  free(keys);
  free(sigs);
  free(messages);
  free(text);
}

struct gcm_case {
  const char *name, *key, *nonce, *aad, *plaintext, *sealed; /* sealed = ciphertext || tag */
};

static const struct gcm_case GCM_CASES[] = {
    {"test case 1", "00000000000000000000000000000000", "000000000000000000000000", "", "",
     "58e2fccefa7e3061367f1d57a4e7455a"},
    {"test case 2", "00000000000000000000000000000000", "000000000000000000000000", "",
     "00000000000000000000000000000000", "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf"},
    {"test case 10", "feffe9928665731c6d6a8f9467308308feffe9928665731c", "cafebabefacedbaddecaf888",
     "feedfacedeadbeeffeedfacedeadbeefabaddad2",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657"
     "ba637b39",
     "3980ca0b3c00e841eb06fac4872a2757859e1ceaa6efd984628593b40ca1e19c7d773d00c144c525ac619d18c84a3f4718e2448b2fe324d9"
     "ccda27102519498e80f1478f37ba55bd6d27618c"},
    {"test case 13", "0000000000000000000000000000000000000000000000000000000000000000", "000000000000000000000000", "",
     "", "530f8afbc74536b9a963b4f1c4cb738b"},
    {"test case 14", "0000000000000000000000000000000000000000000000000000000000000000", "000000000000000000000000", "",
     "00000000000000000000000000000000", "cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919"},
    {"test case 16", "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
     "feedfacedeadbeeffeedfacedeadbeefabaddad2",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657"
     "ba637b39",
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0a"
     "bcc9f66276fc6ece0f4e1768cddf8853bb2d551b"},
};

static void check_aes_gcm(void) {
  size_t c;
  for (c = 0; c < sizeof GCM_CASES / sizeof GCM_CASES[0]; c++) {
    const struct gcm_case *t = &GCM_CASES[c];
    size_t key_len, nonce_len, aad_len, pt_len, sealed_len, half;
    uint8_t *k = from_hex(t->key, &key_len), *nonce = from_hex(t->nonce, &nonce_len), *aad = from_hex(t->aad, &aad_len);
    uint8_t *pt = from_hex(t->plaintext, &pt_len), *sealed = from_hex(t->sealed, &sealed_len);
    uint8_t out[128], tag[16];
    struct FerriteAesGcmKey *key = NULL;
    struct FerriteAesGcmStream *stream = NULL;
    CHECK(ferrite_aes_gcm_key_new(k, key_len, &key) == OK && key != NULL, "aes-gcm key of %s", t->name);
    CHECK(ferrite_aes_gcm_seal(key, nonce, nonce_len, aad, aad_len, pt, pt_len, out, sizeof out) == OK
              && memcmp(out, sealed, sealed_len) == 0,
          "aes-gcm seal of %s", t->name);
    CHECK(ferrite_aes_gcm_open(key, nonce, nonce_len, aad, aad_len, sealed, sealed_len, out, sizeof out) == OK
              && memcmp(out, pt, pt_len) == 0,
          "aes-gcm open of %s", t->name);
    sealed[sealed_len - 1] ^= 0x80;
    memset(out, 0x5a, sizeof out);
    CHECK(ferrite_aes_gcm_open(key, nonce, nonce_len, aad, aad_len, sealed, sealed_len, out, sizeof out) == AUTH
              && all_zero(out, pt_len),
          "aes-gcm open of %s with a bad tag fails and leaves zeros", t->name);
    sealed[sealed_len - 1] ^= 0x80;

    /* The same message in two pieces through a stream, each way. */
    half = pt_len / 2 + 1;
    if (half > pt_len) half = pt_len;
    CHECK(ferrite_aes_gcm_stream_new(key, 0, nonce, nonce_len, &stream) == OK
              && ferrite_aes_gcm_stream_aad(stream, aad, aad_len) == OK
              && ferrite_aes_gcm_stream_update(stream, pt, half, out, sizeof out) == OK
              && ferrite_aes_gcm_stream_update(stream, pt + half, pt_len - half, out + half, sizeof out - half) == OK
              && ferrite_aes_gcm_stream_tag(stream, tag, sizeof tag) == OK && memcmp(out, sealed, pt_len) == 0
              && memcmp(tag, sealed + pt_len, 16) == 0,
          "aes-gcm stream encryption of %s", t->name);
    CHECK(ferrite_aes_gcm_stream_free(stream) == OK, "ferrite_aes_gcm_stream_free");
    CHECK(ferrite_aes_gcm_stream_new(key, 1, nonce, nonce_len, &stream) == OK
              && ferrite_aes_gcm_stream_aad(stream, aad, aad_len) == OK
              && ferrite_aes_gcm_stream_update(stream, sealed, half, out, sizeof out) == OK
              && ferrite_aes_gcm_stream_update(stream, sealed + half, pt_len - half, out + half, sizeof out - half) == OK
              && ferrite_aes_gcm_stream_verify(stream, sealed + pt_len, 16) == OK && memcmp(out, pt, pt_len) == 0,
          "aes-gcm stream decryption of %s", t->name);
    CHECK(ferrite_aes_gcm_stream_free(stream) == OK, "ferrite_aes_gcm_stream_free");
    tag[0] = (uint8_t)(sealed[pt_len] ^ 1);
    memcpy(tag + 1, sealed + pt_len + 1, 15);
    CHECK(ferrite_aes_gcm_stream_new(key, 1, nonce, nonce_len, &stream) == OK
              && ferrite_aes_gcm_stream_aad(stream, aad, aad_len) == OK
              && ferrite_aes_gcm_stream_update(stream, sealed, pt_len, out, sizeof out) == OK
              && ferrite_aes_gcm_stream_verify(stream, tag, 16) == AUTH,
          "aes-gcm stream decryption of %s with a bad tag fails", t->name);
    CHECK(ferrite_aes_gcm_stream_free(stream) == OK, "ferrite_aes_gcm_stream_free");

    CHECK(ferrite_aes_gcm_seal(key, nonce, 11, aad, aad_len, pt, pt_len, out, sizeof out) == BAD,
          "aes-gcm seal with an 11-byte nonce");
    CHECK(ferrite_aes_gcm_seal(key, nonce, nonce_len, aad, aad_len, pt, pt_len, out, pt_len + 15) == BAD,
          "aes-gcm seal into a buffer one byte short");
    CHECK(ferrite_aes_gcm_open(key, nonce, nonce_len, aad, aad_len, sealed, 15, out, sizeof out) == BAD,
          "aes-gcm open of 15 bytes");
    CHECK(ferrite_aes_gcm_key_free(key) == OK, "ferrite_aes_gcm_key_free");
    free(k);
    free(nonce);
    free(aad);
    free(pt);
    free(sealed);
  }
  {
    uint8_t k[20] = {0};
    struct FerriteAesGcmKey *key = NULL;
    CHECK(ferrite_aes_gcm_key_new(k, 20, &key) == BAD, "aes-gcm key of 20 bytes");
    CHECK(ferrite_aes_gcm_seal(NULL, k, 12, NULL, 0, NULL, 0, k, 16) == BAD, "aes-gcm seal with a null key");
    CHECK(ferrite_aes_gcm_key_free(NULL) == OK && ferrite_aes_gcm_stream_free(NULL) == OK, "free(NULL)");
  }
}

/*
 * Wycheproof files, read line by line: they hold one `"name": value` per line, a test's fields before its "result".
 * Copies the string value of field `name` on `line` into `out` (capacity `cap`); 1 when the line is that field.
 */
static int json_string(const char *line, const char *name, char *out, size_t cap) {
  char pattern[64];
  const char *start, *end;
  snprintf(pattern, sizeof pattern, "\"%s\": \"", name);
  start = strstr(line, pattern);
  if (start == NULL) return 0;
  start += strlen(pattern);
  end = strchr(start, '"');
  if (end == NULL || (size_t)(end - start) >= cap) {
    CHECK(0, "Wycheproof field %s too long or unterminated", name);
    return 0;
  }
  memcpy(out, start, (size_t)(end - start));
  out[end - start] = '\0';
  return 1;
}

static int json_int(const char *line, const char *name, long *out) {
  char pattern[64];
  const char *start;
  snprintf(pattern, sizeof pattern, "\"%s\": ", name);
  start = strstr(line, pattern);
  if (start == NULL || start[strlen(pattern)] == '"') return 0;
  *out = strtol(start + strlen(pattern), NULL, 10);
  return 1;
}

#define FIELD_CAP 16384

/* Wycheproof AES-GCM: valid cases seal to ct || tag and open back; invalid ones fail authentication; nonces other than
 * 96 bits are refused as arguments (Ferrite's AES-GCM takes 12-byte nonces only). */
static void check_aes_gcm_wycheproof(const char *vectors) {
  char *text = read_file(vectors, "wycheproof/aes_gcm_test.json");
  char *line, *next;
  static char key_hex[FIELD_CAP], iv_hex[FIELD_CAP], aad_hex[FIELD_CAP], msg_hex[FIELD_CAP], ct_hex[FIELD_CAP],
      tag_hex[FIELD_CAP], result[32];
  long iv_bits = 0, tag_bits = 0, tc_id = 0;
  int cases = 0, valid = 0, refused = 0;
  if (text == NULL) return;
  for (line = text; line != NULL && *line != '\0'; line = next) {
    next = strchr(line, '\n');
    if (next != NULL) *next++ = '\0';
    json_int(line, "ivSize", &iv_bits);
    json_int(line, "tagSize", &tag_bits);
    json_int(line, "tcId", &tc_id);
    json_string(line, "key", key_hex, FIELD_CAP);
    json_string(line, "iv", iv_hex, FIELD_CAP);
    json_string(line, "aad", aad_hex, FIELD_CAP);
    json_string(line, "msg", msg_hex, FIELD_CAP);
    json_string(line, "ct", ct_hex, FIELD_CAP);
    json_string(line, "tag", tag_hex, FIELD_CAP);
    if (json_string(line, "result", result, sizeof result)) {
      size_t key_len, iv_len, aad_len, msg_len, ct_len, tag_len, sealed_len;
      uint8_t *k = from_hex(key_hex, &key_len), *iv = from_hex(iv_hex, &iv_len), *aad = from_hex(aad_hex, &aad_len);
      uint8_t *msg = from_hex(msg_hex, &msg_len), *ct = from_hex(ct_hex, &ct_len), *tag = from_hex(tag_hex, &tag_len);
      uint8_t *sealed = malloc(ct_len + tag_len + 1), *out = malloc(ct_len + tag_len + 17);
      struct FerriteAesGcmKey *key = NULL;
      int is_valid = strcmp(result, "valid") == 0;
      if (sealed == NULL || out == NULL) exit(1);
      memcpy(sealed, ct, ct_len);
      memcpy(sealed + ct_len, tag, tag_len);
      sealed_len = ct_len + tag_len;
      CHECK(is_valid || strcmp(result, "invalid") == 0, "Wycheproof AES-GCM tcId %ld: result %s", tc_id, result);
      CHECK(tag_bits == 128, "Wycheproof AES-GCM tcId %ld: tag of %ld bits", tc_id, tag_bits);
      CHECK(ferrite_aes_gcm_key_new(k, key_len, &key) == OK, "Wycheproof AES-GCM tcId %ld: key", tc_id);
      if (iv_bits != 96) {
        CHECK(ferrite_aes_gcm_seal(key, iv, iv_len, aad, aad_len, msg, msg_len, out, msg_len + 16) == BAD
                  && ferrite_aes_gcm_open(key, iv, iv_len, aad, aad_len, sealed, sealed_len, out, msg_len + 16) == BAD,
              "Wycheproof AES-GCM tcId %ld: a %ld-bit nonce is refused", tc_id, iv_bits);
        refused++;
      } else if (is_valid) {
        CHECK(ferrite_aes_gcm_seal(key, iv, iv_len, aad, aad_len, msg, msg_len, out, msg_len + 16) == OK
                  && msg_len + 16 == sealed_len && memcmp(out, sealed, sealed_len) == 0,
              "Wycheproof AES-GCM tcId %ld: seal", tc_id);
        CHECK(ferrite_aes_gcm_open(key, iv, iv_len, aad, aad_len, sealed, sealed_len, out, msg_len + 16) == OK
                  && memcmp(out, msg, msg_len) == 0,
              "Wycheproof AES-GCM tcId %ld: open", tc_id);
        valid++;
      } else {
        CHECK(ferrite_aes_gcm_open(key, iv, iv_len, aad, aad_len, sealed, sealed_len, out, sealed_len + 16) == AUTH,
              "Wycheproof AES-GCM tcId %ld: an invalid case fails authentication", tc_id);
      }
      CHECK(ferrite_aes_gcm_key_free(key) == OK, "ferrite_aes_gcm_key_free");
      free(k);
      free(iv);
      free(aad);
      free(msg);
      free(ct);
      free(tag);
      free(sealed);
      free(out);
      cases++;
    }
  }
  CHECK(cases == 316 && valid > 0 && refused > 0, "Wycheproof AES-GCM: %d cases (%d valid 96-bit, %d refused)", cases,
        valid, refused);
  free(text);
}

/* Wycheproof Ed25519: valid signatures verify, invalid ones fail authentication (a signature that is not 64 bytes is
 * an argument error); all valid ones together pass as one batch. */
static void check_ed25519_wycheproof(const char *vectors) {
  char *text = read_file(vectors, "wycheproof/ed25519_test.json");
  char *line, *next;
  static char pk_hex[FIELD_CAP], msg_hex[FIELD_CAP], sig_hex[FIELD_CAP], result[32];
  long tc_id = 0;
  int cases = 0, valid = 0;
  size_t batch_messages_len = 0;
  uint8_t *batch_keys = malloc(32 * 151), *batch_sigs = malloc(64 * 151), *batch_messages = malloc(151 * 8192);
  uint64_t batch_offsets[152];
  if (text == NULL || batch_keys == NULL || batch_sigs == NULL || batch_messages == NULL) exit(1);
  batch_offsets[0] = 0;
  for (line = text; line != NULL && *line != '\0'; line = next) {
    next = strchr(line, '\n');
    if (next != NULL) *next++ = '\0';
    json_int(line, "tcId", &tc_id);
    json_string(line, "pk", pk_hex, FIELD_CAP);
    json_string(line, "msg", msg_hex, FIELD_CAP);
    json_string(line, "sig", sig_hex, FIELD_CAP);
    if (json_string(line, "result", result, sizeof result)) {
      size_t pk_len, msg_len, sig_len;
      uint8_t *pk = from_hex(pk_hex, &pk_len), *msg = from_hex(msg_hex, &msg_len), *sig = from_hex(sig_hex, &sig_len);
      int32_t status = ferrite_ed25519_verify(pk, pk_len, msg, msg_len, sig, sig_len);
      if (strcmp(result, "valid") == 0) {
        CHECK(status == OK, "Wycheproof Ed25519 tcId %ld: valid, got status %d", tc_id, (int)status);
        if (status == OK && valid < 151 && msg_len <= 8192) {
          memcpy(batch_keys + 32 * (size_t)valid, pk, 32);
          memcpy(batch_sigs + 64 * (size_t)valid, sig, 64);
          memcpy(batch_messages + batch_messages_len, msg, msg_len);
          batch_messages_len += msg_len;
          batch_offsets[valid + 1] = batch_messages_len;
          valid++;
        }
      } else {
        CHECK(strcmp(result, "invalid") == 0, "Wycheproof Ed25519 tcId %ld: result %s", tc_id, result);
        CHECK(status == (sig_len == 64 && pk_len == 32 ? AUTH : BAD), "Wycheproof Ed25519 tcId %ld: invalid, got %d",
              tc_id, (int)status);
      }
      free(pk);
      free(msg);
      free(sig);
      cases++;
    }
  }
  CHECK(cases == 151 && valid > 0, "Wycheproof Ed25519: %d cases, %d valid", cases, valid);
  CHECK(ferrite_ed25519_verify_batch(batch_keys, 32 * (size_t)valid, batch_messages, batch_messages_len, batch_offsets,
                                     (size_t)valid, batch_sigs, 64 * (size_t)valid) == OK,
        "Wycheproof Ed25519: the %d valid signatures as one batch", valid);
  free(batch_keys);
  free(batch_sigs);
  free(batch_messages);
  free(text);
}

/* "hex:..." or "str:..." or "-" (empty) into a heap buffer. */
static uint8_t *kat_bytes(const char *field, size_t *len) {
  uint8_t *out;
  if (strcmp(field, "-") == 0) {
    *len = 0;
    return malloc(1);
  }
  if (strncmp(field, "hex:", 4) == 0) return from_hex(field + 4, len);
  if (strncmp(field, "str:", 4) == 0) {
    *len = strlen(field + 4);
    out = malloc(*len + 1);
    if (out == NULL) exit(1);
    memcpy(out, field + 4, *len);
    return out;
  }
  fprintf(stderr, "abi_check: unknown field %s in argon2-kat.tsv\n", field);
  exit(1);
}

static void check_argon2(const char *vectors) {
  char *text = read_file(vectors, "argon2/argon2-kat.tsv");
  char *line, *next;
  int rows = 0;
  if (text == NULL) return;
  for (line = text; line != NULL && *line != '\0'; line = next) {
    char *f[11];
    uint32_t algorithm;
    size_t pw_len, salt_len, secret_len, ad_len, tag_len;
    uint8_t *pw, *salt, *secret, *ad, *tag, out[64];
    next = strchr(line, '\n');
    if (next != NULL) *next++ = '\0';
    if (line[0] == '#' || line[0] == '\0') continue;
    if (split(line, '\t', f, 11) < 10) {
      CHECK(0, "argon2-kat.tsv row malformed: %s", line);
      continue;
    }
    algorithm = strcmp(f[0], "argon2d") == 0 ? 0 : strcmp(f[0], "argon2i") == 0 ? 1 : 2;
    pw = kat_bytes(f[5], &pw_len);
    salt = kat_bytes(f[6], &salt_len);
    secret = kat_bytes(f[7], &secret_len);
    ad = kat_bytes(f[8], &ad_len);
    tag = from_hex(f[9], &tag_len);
    CHECK(tag_len <= sizeof out
              && ferrite_argon2_hash(algorithm, (uint32_t)strtoul(f[1], NULL, 10) == 19 ? 0x13 : 0x10,
                                     (uint32_t)strtoul(f[3], NULL, 10), (uint32_t)strtoul(f[2], NULL, 10),
                                     (uint32_t)strtoul(f[4], NULL, 10), pw, pw_len, salt, salt_len, secret, secret_len,
                                     ad, ad_len, out, tag_len) == OK
              && memcmp(out, tag, tag_len) == 0,
          "argon2 row %d (%s t=%s m=%s p=%s)", rows + 1, f[0], f[2], f[3], f[4]);
    free(pw);
    free(salt);
    free(secret);
    free(ad);
    free(tag);
    rows++;
  }
  CHECK(rows >= 3, "argon2-kat.tsv has %d rows", rows);
  {
    uint8_t out[32];
    memset(out, 0x5a, sizeof out);
    CHECK(ferrite_argon2_hash(2, 0x13, 32, 3, 4, (const uint8_t *)"pw", 2, (const uint8_t *)"short", 5, NULL, 0, NULL,
                              0, out, sizeof out) == BAD
              && all_zero(out, sizeof out),
          "argon2 with a 5-byte salt is refused and its output zeroed");
    CHECK(ferrite_argon2_hash(7, 0x13, 32, 3, 4, (const uint8_t *)"pw", 2, (const uint8_t *)"saltsalt", 8, NULL, 0,
                              NULL, 0, out, sizeof out) == BAD,
          "argon2 with algorithm 7");
  }
  free(text);
}

static void check_dbscan(void) {
  /* Two squares and a lone point: eps 1.5, minPts 3 (each point counts itself). */
  static const double points[] = {0, 0, 0, 1, 1, 0, 1, 1, 10, 10, 10, 11, 11, 10, 50, 50, -0.9, 2.0};
  static const int32_t expected[] = {0, 0, 0, 0, 1, 1, 1, -1, 0};
  static const uint8_t expected_core[] = {1, 1, 1, 1, 1, 1, 1, 0, 0};
  enum { N = 9 };
  float points32[2 * N];
  int32_t labels[N];
  uint8_t core[N];
  size_t threads, i;
  for (i = 0; i < 2 * N; i++) points32[i] = (float)points[i];
  for (threads = 0; threads <= 2; threads++) {
    memset(labels, 0x7f, sizeof labels);
    CHECK(ferrite_dbscan(points, 8, N, 2, 1.5, 3, 0, threads, labels, N, core, N) == OK
              && memcmp(labels, expected, sizeof labels) == 0 && memcmp(core, expected_core, sizeof core) == 0,
          "dbscan of nine points (double, %llu threads)", (unsigned long long)threads);
    memset(labels, 0x7f, sizeof labels);
    CHECK(ferrite_dbscan(points32, 4, N, 2, 1.5, 3, 0, threads, labels, N, core, N) == OK
              && memcmp(labels, expected, sizeof labels) == 0 && memcmp(core, expected_core, sizeof core) == 0,
          "dbscan of nine points (float, %llu threads)", (unsigned long long)threads);
  }
  {
    /* Cosine: three directions near the x axis, two near the y axis, one diagonal alone at eps 0.01. */
    static const double dirs[] = {1, 0, 2, 0.01, 3, -0.02, 0, 1, 0.01, 5, 1, 1};
    static const int32_t expected_cos[] = {0, 0, 0, 1, 1, -1};
    int32_t l[6];
    uint8_t c[6];
    CHECK(ferrite_dbscan(dirs, 8, 6, 2, 0.01, 2, 1, 0, l, 6, c, 6) == OK && memcmp(l, expected_cos, sizeof l) == 0,
          "dbscan cosine of six directions");
  }
  CHECK(ferrite_dbscan(points, 8, N, 2, -1.0, 3, 0, 0, labels, N, core, N) == BAD,
        "dbscan with a negative eps");
  CHECK(ferrite_dbscan(points, 8, N, 2, 1.5, 3, 2, 0, labels, N, core, N) == BAD, "dbscan with metric 2");
  CHECK(ferrite_dbscan(points, 8, N, 2, 1.5, 3, 0, 0, labels, N - 1, core, N) == BAD, "dbscan with a short labels");
  CHECK(ferrite_dbscan(NULL, 8, N, 2, 1.5, 3, 0, 0, labels, N, core, N) == BAD, "dbscan of a null pointer");
}

static void check_agglomerative(void) {
  /* 1-D points 7, 0, 3, 1: raw merges in the algorithm's order (SciPy's rows before sorting and relabelling). */
  static const double points[] = {7, 0, 3, 1};
  static const float points32[] = {7, 0, 3, 1};
  /* Single: Prim from point 0 adds 2 (key 4), then 3 (key 2), then 1 (key 1). */
  static const double single[] = {0, 2, 4, 2, 3, 2, 3, 1, 1};
  /* Complete: the chain from 0 reaches 2, 3, 1; (1, 3) merge at 1, then (2, 3) at 3, then (0, 3) at 7. */
  static const double complete[] = {1, 3, 1, 2, 3, 3, 0, 3, 7};
  /* Ward: (1, 3) at 1, then 3 joins at sqrt(2 * 1 * 2 / 3) * 2.5, then 7 at sqrt(2 * 1 * 3 / 4) * (7 - 4/3). */
  double merges[9];
  size_t threads;
  enum { N = 4 };
  for (threads = 0; threads <= 2; threads++) {
    memset(merges, 0, sizeof merges);
    CHECK(ferrite_agglomerative_linkage(points, 8, N, 1, 1, 0, threads, 1 << 20, merges, 9) == OK
              && memcmp(merges, single, sizeof merges) == 0,
          "single linkage of four points (double, %llu threads)", (unsigned long long)threads);
    memset(merges, 0, sizeof merges);
    CHECK(ferrite_agglomerative_linkage(points32, 4, N, 1, 2, 0, threads, 1 << 20, merges, 9) == OK
              && memcmp(merges, complete, sizeof merges) == 0,
          "complete linkage of four points (float, %llu threads)", (unsigned long long)threads);
  }
  CHECK(ferrite_agglomerative_linkage(points, 8, N, 1, 0, 0, 0, 0, merges, 9) == OK && merges[2] == 1.0
            && merges[5] > 2.88 && merges[5] < 2.89 && merges[8] > 6.93 && merges[8] < 6.95,
        "ward linkage of four points: %g %g %g", merges[2], merges[5], merges[8]);
  CHECK(ferrite_agglomerative_linkage(points, 8, N, 1, 3, 0, 0, 47, merges, 9) == BAD,
        "average linkage with its 48-byte matrix over a 47-byte ceiling");
  CHECK(ferrite_agglomerative_linkage(points, 8, N, 1, 0, 1, 0, 1 << 20, merges, 9) == BAD, "ward with cosine");
  CHECK(ferrite_agglomerative_linkage(points, 8, N, 1, 4, 0, 0, 1 << 20, merges, 9) == BAD, "linkage 4");
  CHECK(ferrite_agglomerative_linkage(points, 8, N, 1, 1, 0, 0, 1 << 20, merges, 8) == BAD, "short merges");
  CHECK(ferrite_agglomerative_linkage(NULL, 8, N, 1, 1, 0, 0, 1 << 20, merges, 9) == BAD, "null points");
}

static void check_silhouette(void) {
  /* On a line: {0, 1} in cluster 7, {4, 5} in cluster 3, {10} alone (s = 0), 7 noise (NaN, left out).
     Point 0: a = 1, b = 4.5; point 1: a = 1, b = 3.5; point 4: a = 1, b = 3.5; point 5: a = 1, b = 4.5. */
  static const double points[] = {0, 1, 4, 5, 10, 7};
  static const int32_t labels[] = {7, 7, 3, 3, 9, -1};
  const double expected[] = {3.5 / 4.5, 2.5 / 3.5, 2.5 / 3.5, 3.5 / 4.5, 0.0};
  const double expected_mean = (2 * (3.5 / 4.5) + 2 * (2.5 / 3.5)) / 5;
  enum { N = 6 };
  float points32[N];
  double values[N], mean;
  size_t threads, i;
  for (i = 0; i < N; i++) points32[i] = (float)points[i];
  for (threads = 0; threads <= 2; threads++) {
    int good;
    mean = -9;
    good = ferrite_silhouette_f64(points, N, 1, labels, N, 0, threads, values, N, &mean) == OK;
    for (i = 0; i < 5; i++) good = good && values[i] > expected[i] - 1e-15 && values[i] < expected[i] + 1e-15;
    good = good && values[5] != values[5] && mean > expected_mean - 1e-15 && mean < expected_mean + 1e-15;
    CHECK(good, "silhouette of six points on a line (double, %llu threads)", (unsigned long long)threads);
    mean = -9;
    good = ferrite_silhouette_f32(points32, N, 1, labels, N, 0, threads, values, N, &mean) == OK;
    for (i = 0; i < 5; i++) good = good && values[i] > expected[i] - 1e-15 && values[i] < expected[i] + 1e-15;
    CHECK(good && values[5] != values[5], "silhouette of six points on a line (float, %llu threads)",
          (unsigned long long)threads);
  }
  {
    /* Cosine: two directions, lengths ignored: every point at distance 0 from its own cluster and 1 from the other. */
    static const double dirs[] = {1, 0, 3, 0, 0, 2, 0, 5};
    static const int32_t l[] = {0, 0, 1, 1};
    double v[4];
    int good = ferrite_silhouette_f64(dirs, 4, 2, l, 4, 1, 0, v, 4, &mean) == OK && mean == 1.0;
    for (i = 0; i < 4; i++) good = good && v[i] == 1.0;
    CHECK(good, "silhouette cosine of two directions");
  }
  {
    static const int32_t one[] = {1, 1, 1, 1, 1, -1};
    CHECK(ferrite_silhouette_f64(points, N, 1, one, N, 0, 0, values, N, &mean) == BAD, "silhouette of one cluster");
  }
  CHECK(ferrite_silhouette_f64(points, N, 1, labels, N, 2, 0, values, N, &mean) == BAD, "silhouette with metric 2");
  CHECK(ferrite_silhouette_f64(points, N, 1, labels, N - 1, 0, 0, values, N, &mean) == BAD,
        "silhouette with short labels");
  CHECK(ferrite_silhouette_f64(points, N, 1, labels, N, 0, 0, values, N, NULL) == BAD, "silhouette without a mean");
  CHECK(ferrite_silhouette_f32(NULL, N, 1, labels, N, 0, 0, values, N, &mean) == BAD, "silhouette of a null pointer");
}

static void check_x25519(void) {
  size_t n;
  uint8_t *alice = from_hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", &n);
  uint8_t *bob = from_hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb", &n);
  uint8_t alice_public[32], bob_public[32], shared[32], zero[32] = {0};
  CHECK(ferrite_x25519_public_key(alice, 32, alice_public, 32) == OK
            && same_hex(alice_public, 32, "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"),
        "x25519 public key of RFC 7748's Alice");
  CHECK(ferrite_x25519_public_key(bob, 32, bob_public, 32) == OK
            && same_hex(bob_public, 32, "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"),
        "x25519 public key of RFC 7748's Bob");
  CHECK(ferrite_x25519_agree(alice, 32, bob_public, 32, shared, 32) == OK
            && same_hex(shared, 32, "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"),
        "x25519 agreement of RFC 7748 section 6.1");
  CHECK(ferrite_x25519_agree(bob, 32, alice_public, 32, shared, 32) == OK
            && same_hex(shared, 32, "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"),
        "x25519 agreement, the other way");
  CHECK(ferrite_x25519_agree(alice, 32, zero, 32, shared, 32) == OK && all_zero(shared, 32),
        "x25519 with a low-order point gives zeros (refused by the caller)");
  CHECK(ferrite_x25519_agree(alice, 31, bob_public, 32, shared, 32) == BAD, "x25519 with a 31-byte key");
  CHECK(ferrite_x25519_public_key(alice, 32, NULL, 32) == BAD, "x25519 public key into null");
  free(alice);
  free(bob);
}

static void check_hkdf(void) {
  size_t ikm_len, salt_len, info_len;
  uint8_t *ikm = from_hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", &ikm_len);
  uint8_t *salt = from_hex("000102030405060708090a0b0c", &salt_len);
  uint8_t *info = from_hex("f0f1f2f3f4f5f6f7f8f9", &info_len);
  uint8_t prk[32], okm[42], big[8161];
  CHECK(ferrite_hkdf_sha256_extract(salt, salt_len, ikm, ikm_len, prk, 32) == OK
            && same_hex(prk, 32, "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5"),
        "hkdf-sha256 extract of RFC 5869 A.1");
  CHECK(ferrite_hkdf_sha256_expand(prk, 32, info, info_len, okm, 42) == OK
            && same_hex(okm, 42, "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"),
        "hkdf-sha256 expand of RFC 5869 A.1");
  CHECK(ferrite_hkdf_sha256_extract(NULL, 0, ikm, ikm_len, prk, 32) == OK
            && same_hex(prk, 32, "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04"),
        "hkdf-sha256 extract of RFC 5869 A.3 (no salt)");
  CHECK(ferrite_hkdf_sha256_expand(prk, 32, info, info_len, big, 8160) == OK, "hkdf-sha256 expand of 8160 bytes");
  CHECK(ferrite_hkdf_sha256_expand(prk, 32, info, info_len, big, 8161) == BAD, "hkdf-sha256 expand of 8161 bytes");
  CHECK(ferrite_hkdf_sha256_expand(prk, 31, info, info_len, okm, 42) == BAD, "hkdf-sha256 expand of a 31-byte prk");
  free(ikm);
  free(salt);
  free(info);
}

/* One HPKE round trip in `mode` with `aead` (recipient key pair sk_r/pk_r, sender key pair sk_s/pk_s): two messages
 * through a sender's and a receiver's context, exports on both sides, then single-shot seal and open. Optional inputs
 * outside their modes are passed as (pointer, 0). */
static void hpke_round_trip(uint32_t aead, uint32_t mode, const uint8_t *sk_r, const uint8_t *pk_r, const uint8_t *sk_s,
                            const uint8_t *pk_s) {
  static const uint8_t psk_bytes[] = "0123456789abcdef0123456789abcdef";
  static const uint8_t psk_id_bytes[] = "psk id";
  const uint8_t *info = (const uint8_t *)"round trip info", *aad = (const uint8_t *)"aad";
  const uint8_t *messages[2] = {(const uint8_t *)"first message", (const uint8_t *)"second"};
  size_t message_lens[2] = {13, 6};
  size_t psk_len = (mode & 1) ? 32 : 0, psk_id_len = (mode & 1) ? 6 : 0, auth_len = (mode & 2) ? 32 : 0;
  uint8_t enc[FERRITE_HPKE_ENC_LEN], sealed[2][13 + FERRITE_HPKE_TAG_LEN], opened[13], from_sender[48],
      from_receiver[48];
  struct FerriteHpkeContext *sender = NULL, *receiver = NULL;
  int i;
  CHECK(ferrite_hpke_setup_sender(aead, mode, pk_r, 32, info, 15, psk_bytes, psk_len, psk_id_bytes, psk_id_len, sk_s,
                                  auth_len, NULL, 0, enc, sizeof enc, &sender) == OK
            && sender != NULL,
        "hpke setup_sender, aead %u mode %u", (unsigned)aead, (unsigned)mode);
  CHECK(ferrite_hpke_setup_receiver(aead, mode, enc, sizeof enc, sk_r, 32, info, 15, psk_bytes, psk_len, psk_id_bytes,
                                    psk_id_len, pk_s, auth_len, &receiver) == OK
            && receiver != NULL,
        "hpke setup_receiver, aead %u mode %u", (unsigned)aead, (unsigned)mode);
  for (i = 0; i < 2; i++) {
    size_t n = message_lens[i];
    CHECK(ferrite_hpke_context_seal(sender, aad, 3, messages[i], n, sealed[i], n + FERRITE_HPKE_TAG_LEN) == OK,
          "hpke seal of message %d, aead %u mode %u", i, (unsigned)aead, (unsigned)mode);
  }
  /* The second message first: its nonce is not the receiver's next one. */
  CHECK(ferrite_hpke_context_open(receiver, aad, 3, sealed[1], message_lens[1] + FERRITE_HPKE_TAG_LEN, opened,
                                  message_lens[1]) == AUTH,
        "hpke open out of order, aead %u mode %u", (unsigned)aead, (unsigned)mode);
  for (i = 0; i < 2; i++) {
    size_t n = message_lens[i];
    memset(opened, 0, sizeof opened);
    CHECK(ferrite_hpke_context_open(receiver, aad, 3, sealed[i], n + FERRITE_HPKE_TAG_LEN, opened, n) == OK
              && memcmp(opened, messages[i], n) == 0,
          "hpke open of message %d, aead %u mode %u", i, (unsigned)aead, (unsigned)mode);
  }
  CHECK(ferrite_hpke_context_export(sender, (const uint8_t *)"ctx", 3, from_sender, sizeof from_sender) == OK
            && ferrite_hpke_context_export(receiver, (const uint8_t *)"ctx", 3, from_receiver, sizeof from_receiver)
                   == OK
            && memcmp(from_sender, from_receiver, sizeof from_sender) == 0,
        "hpke exports agree, aead %u mode %u", (unsigned)aead, (unsigned)mode);
  CHECK(ferrite_hpke_context_free(sender) == OK && ferrite_hpke_context_free(receiver) == OK,
        "hpke context free, aead %u mode %u", (unsigned)aead, (unsigned)mode);

  CHECK(ferrite_hpke_seal(aead, mode, pk_r, 32, info, 15, psk_bytes, psk_len, psk_id_bytes, psk_id_len, sk_s, auth_len,
                          NULL, 0, aad, 3, messages[0], 13, enc, sizeof enc, sealed[0], sizeof sealed[0]) == OK,
        "hpke single-shot seal, aead %u mode %u", (unsigned)aead, (unsigned)mode);
  memset(opened, 0, sizeof opened);
  CHECK(ferrite_hpke_open(aead, mode, enc, sizeof enc, sk_r, 32, info, 15, psk_bytes, psk_len, psk_id_bytes, psk_id_len,
                          pk_s, auth_len, aad, 3, sealed[0], sizeof sealed[0], opened, 13) == OK
            && memcmp(opened, messages[0], 13) == 0,
        "hpke single-shot open, aead %u mode %u", (unsigned)aead, (unsigned)mode);
  sealed[0][13] ^= 0x01;
  CHECK(ferrite_hpke_open(aead, mode, enc, sizeof enc, sk_r, 32, info, 15, psk_bytes, psk_len, psk_id_bytes, psk_id_len,
                          pk_s, auth_len, aad, 3, sealed[0], sizeof sealed[0], opened, 13) == AUTH
            && all_zero(opened, 13),
        "hpke single-shot open of a tampered tag, aead %u mode %u", (unsigned)aead, (unsigned)mode);
}

static void check_hpke(void) {
  static const char *enc_hex = "37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431";
  static uint8_t big[FERRITE_HPKE_MAX_EXPORT_LEN + 1];
  size_t info_len, ikm_e_len, ikm_r_len, aad_len, pt_len, n;
  uint8_t *info = from_hex("4f6465206f6e2061204772656369616e2055726e", &info_len);
  uint8_t *ikm_e = from_hex("7268600d403fce431561aef583ee1613527cff655c1343f29812e66706df3234", &ikm_e_len);
  uint8_t *ikm_r = from_hex("6db9df30aa07dd42ee5e8181afdb977e538f5e1fec8a06223f33f7013e525037", &ikm_r_len);
  uint8_t *aad = from_hex("436f756e742d30", &aad_len);
  uint8_t *pt = from_hex("4265617574792069732074727574682c20747275746820626561757479", &pt_len);
  uint8_t sk_e[32], pk_e[32], sk_r[32], pk_r[32], sk_s[32], pk_s[32], enc[32], zero[32] = {0};
  uint8_t sealed[64], opened[64], exported[32], exported_too[32];
  struct FerriteHpkeContext *sender = NULL, *receiver = NULL, *rejected = NULL;
  size_t live = 99;
  uint32_t aead, mode;

  /* RFC 9180 A.1.1: base mode, AES-128-GCM. */
  CHECK(ferrite_hpke_derive_key_pair(ikm_e, ikm_e_len, sk_e, sizeof sk_e, pk_e, sizeof pk_e) == OK
            && same_hex(sk_e, 32, "52c4a758a802cd8b936eceea314432798d5baf2d7e9235dc084ab1b9cfa2f736")
            && same_hex(pk_e, 32, enc_hex),
        "hpke DeriveKeyPair of RFC 9180 A.1.1's ikmE");
  CHECK(ferrite_hpke_derive_key_pair(ikm_r, ikm_r_len, sk_r, sizeof sk_r, pk_r, sizeof pk_r) == OK
            && same_hex(sk_r, 32, "4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8")
            && same_hex(pk_r, 32, "3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d"),
        "hpke DeriveKeyPair of RFC 9180 A.1.1's ikmR");
  CHECK(ferrite_hpke_setup_sender(1, 0, pk_r, 32, info, info_len, NULL, 0, NULL, 0, NULL, 0, sk_e, 32, enc, sizeof enc,
                                  &sender) == OK
            && same_hex(enc, 32, enc_hex),
        "hpke setup_sender of RFC 9180 A.1.1 (enc)");
  CHECK(ferrite_hpke_context_seal(sender, aad, aad_len, pt, pt_len, sealed, pt_len + 16) == OK
            && same_hex(sealed, pt_len + 16,
                        "f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a96d8770ac83d07bea87e13c512a"),
        "hpke first encryption of RFC 9180 A.1.1");
  CHECK(ferrite_hpke_context_export(sender, NULL, 0, exported, sizeof exported) == OK
            && same_hex(exported, 32, "3853fe2b4035195a573ffc53856e77058e15d9ea064de3e59f4961d0095250ee"),
        "hpke first export of RFC 9180 A.1.1");
  CHECK(ferrite_hpke_setup_receiver(1, 0, enc, sizeof enc, sk_r, 32, info, info_len, NULL, 0, NULL, 0, NULL, 0,
                                    &receiver) == OK,
        "hpke setup_receiver of RFC 9180 A.1.1");
  CHECK(ferrite_live_handles(&live) == OK && live == 2, "two live handles with two HPKE contexts: %llu",
        (unsigned long long)live);
  /* A tampered ciphertext fails and leaves the sequence number: the honest one opens next. */
  sealed[5] ^= 0x20;
  memset(opened, 0x5a, sizeof opened);
  CHECK(ferrite_hpke_context_open(receiver, aad, aad_len, sealed, pt_len + 16, opened, pt_len) == AUTH
            && all_zero(opened, pt_len),
        "hpke open of a tampered ciphertext fails, output zeroed");
  sealed[5] ^= 0x20;
  CHECK(ferrite_hpke_context_open(receiver, aad, aad_len, sealed, pt_len + 16, opened, pt_len) == OK
            && memcmp(opened, pt, pt_len) == 0,
        "hpke open of RFC 9180 A.1.1's first ciphertext after a failed open");
  CHECK(ferrite_hpke_context_export(receiver, NULL, 0, exported_too, sizeof exported_too) == OK
            && memcmp(exported, exported_too, sizeof exported) == 0,
        "hpke export of the receiver equals the sender's");
  /* Roles and lengths. */
  CHECK(ferrite_hpke_context_seal(receiver, aad, aad_len, pt, pt_len, sealed, pt_len + 16) == BAD,
        "hpke seal with a receiver's context");
  CHECK(ferrite_hpke_context_open(sender, aad, aad_len, sealed, pt_len + 16, opened, pt_len) == BAD,
        "hpke open with a sender's context");
  CHECK(ferrite_hpke_context_seal(sender, aad, aad_len, pt, pt_len, sealed, pt_len + 15) == BAD,
        "hpke seal into a buffer one byte short");
  CHECK(ferrite_hpke_context_seal(sender, aad, aad_len, sealed, pt_len, sealed + 4, pt_len + 16) == BAD,
        "hpke seal into a buffer overlapping its input");
  CHECK(ferrite_hpke_context_open(receiver, aad, aad_len, sealed, 15, opened, sizeof opened) == BAD,
        "hpke open of 15 bytes");
  CHECK(ferrite_hpke_context_seal(NULL, aad, aad_len, pt, pt_len, sealed, pt_len + 16) == BAD,
        "hpke seal with a null context");
  CHECK(ferrite_hpke_context_export(sender, NULL, 0, big, FERRITE_HPKE_MAX_EXPORT_LEN) == OK,
        "hpke export of 8160 bytes");
  CHECK(ferrite_hpke_context_export(sender, NULL, 0, big, FERRITE_HPKE_MAX_EXPORT_LEN + 1) == BAD,
        "hpke export of 8161 bytes");
  CHECK(ferrite_hpke_context_export(sender, NULL, 0, exported, 0) == BAD, "hpke export of 0 bytes");
  CHECK(ferrite_hpke_context_free(sender) == OK && ferrite_hpke_context_free(receiver) == OK
            && ferrite_hpke_context_free(NULL) == OK,
        "ferrite_hpke_context_free");

  /* Bad setup arguments: refused, no context made. */
  CHECK(ferrite_hpke_setup_sender(4, 0, pk_r, 32, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, enc, 32, &rejected)
            == BAD,
        "hpke setup_sender with aead_id 4");
  CHECK(ferrite_hpke_setup_sender(1, 4, pk_r, 32, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, enc, 32, &rejected)
            == BAD,
        "hpke setup_sender with mode 4");
  CHECK(ferrite_hpke_setup_sender(1, 0, pk_r, 31, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, enc, 32, &rejected)
            == BAD,
        "hpke setup_sender with a 31-byte recipient key");
  CHECK(ferrite_hpke_setup_sender(1, 0, pk_r, 32, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, enc, 31, &rejected)
            == BAD,
        "hpke setup_sender with a 31-byte enc_out");
  CHECK(ferrite_hpke_setup_sender(1, 0, pk_r, 32, NULL, 0, NULL, 0, NULL, 0, NULL, 0, sk_e, 16, enc, 32, &rejected)
            == BAD,
        "hpke setup_sender with a 16-byte ephemeral key");
  CHECK(ferrite_hpke_setup_sender(1, 0, pk_r, 32, NULL, 0, pt, 32, pt, 2, NULL, 0, NULL, 0, enc, 32, &rejected) == BAD,
        "hpke setup_sender with a psk in base mode");
  CHECK(ferrite_hpke_setup_sender(1, 1, pk_r, 32, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, enc, 32, &rejected)
            == BAD,
        "hpke setup_sender without a psk in psk mode");
  CHECK(ferrite_hpke_setup_sender(1, 1, pk_r, 32, NULL, 0, pt, 32, NULL, 0, NULL, 0, NULL, 0, enc, 32, &rejected)
            == BAD,
        "hpke setup_sender with a psk but no psk_id");
  CHECK(ferrite_hpke_setup_sender(1, 2, pk_r, 32, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, enc, 32, &rejected)
            == BAD,
        "hpke setup_sender without the sender's key in auth mode");
  CHECK(ferrite_hpke_setup_sender(1, 0, zero, 32, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, enc, 32, &rejected)
            == BAD,
        "hpke setup_sender to a low-order recipient key");
  CHECK(ferrite_hpke_setup_sender(1, 0, pk_r, 32, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, enc, 32, NULL) == BAD,
        "hpke setup_sender into a null context pointer");
  CHECK(ferrite_hpke_setup_receiver(1, 0, enc, 31, sk_r, 32, NULL, 0, NULL, 0, NULL, 0, NULL, 0, &rejected) == BAD,
        "hpke setup_receiver with a 31-byte enc");
  CHECK(ferrite_hpke_setup_receiver(1, 2, enc, 32, sk_r, 32, NULL, 0, NULL, 0, NULL, 0, zero, 32, &rejected) == BAD,
        "hpke setup_receiver with a low-order sender key");
  CHECK(ferrite_hpke_setup_receiver(1, 0, zero, 32, sk_r, 32, NULL, 0, NULL, 0, NULL, 0, NULL, 0, &rejected) == AUTH,
        "hpke setup_receiver of a low-order enc fails authentication");
  CHECK(rejected == NULL, "no HPKE context from refused setups");
  CHECK(ferrite_hpke_open(1, 0, enc, 32, sk_r, 32, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, sealed, 15, opened,
                          sizeof opened) == BAD,
        "hpke single-shot open of 15 bytes");
  CHECK(ferrite_hpke_seal(1, 0, pk_r, 32, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, pt, pt_len, enc, 32,
                          sealed, pt_len + 15) == BAD,
        "hpke single-shot seal into a buffer one byte short");
  CHECK(ferrite_hpke_derive_key_pair(NULL, 0, sk_s, 32, pk_s, 31) == BAD, "hpke DeriveKeyPair into 31 bytes");

  /* A round trip in every mode with every AEAD; the sender's key pair derived from an empty ikm. */
  CHECK(ferrite_hpke_derive_key_pair(NULL, 0, sk_s, sizeof sk_s, pk_s, sizeof pk_s) == OK,
        "hpke DeriveKeyPair of an empty ikm");
  for (mode = 0; mode < 4; mode++) {
    for (aead = 1; aead <= 3; aead++) hpke_round_trip(aead, mode, sk_r, pk_r, sk_s, pk_s);
  }
  n = 99;
  CHECK(ferrite_live_handles(&n) == OK && n == 0, "no HPKE context left: %llu", (unsigned long long)n);
  free(info);
  free(ikm_e);
  free(ikm_r);
  free(aad);
  free(pt);
}

int main(int argc, char **argv) {
  size_t live = 99;
  if (argc != 2) {
    fprintf(stderr, "usage: abi_check VECTORS_DIR\n");
    return 2;
  }
  check_library();
  check_sha256();
  check_ed25519(argv[1]);
  check_ed25519_wycheproof(argv[1]);
  check_aes_gcm();
  check_aes_gcm_wycheproof(argv[1]);
  check_argon2(argv[1]);
  check_dbscan();
  check_agglomerative();
  check_silhouette();
  check_x25519();
  check_hkdf();
  check_hpke();
  /* The pool was sized before the first parallel call; another size is refused now. */
  CHECK(ferrite_pool_configure(3) == BAD, "ferrite_pool_configure(3) after parallel calls");
  CHECK(ferrite_live_handles(&live) == OK && live == 0, "live handles at the end: %llu", (unsigned long long)live);
  if (failures != 0) {
    fprintf(stderr, "abi_check: %llu of %llu checks FAILED\n", failures, checks);
    return 1;
  }
  printf("abi_check: all %llu checks passed (ABI version %d)\n", checks, (int)ferrite_abi_version());
  return 0;
}
