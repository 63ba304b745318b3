/* Non-variadic wrappers around libedit's native API (histedit.h): Swift cannot call the
   variadic el_set / el_get / history, and must not touch the C stdio globals directly. */
#ifndef QSH_CLIBEDIT_SHIM_H
#define QSH_CLIBEDIT_SHIM_H
#include <stdio.h>
#include <string.h>
#include <locale.h>
#include <langinfo.h>
#include <histedit.h>

typedef char *(*qsh_prompt_fn)(EditLine *);
typedef unsigned char (*qsh_el_fn)(EditLine *, int);

static inline EditLine *qsh_el_init(const char *program) { return el_init(program, stdin, stdout, stderr); }
static inline int qsh_el_set_prompt_esc(EditLine *el, qsh_prompt_fn f, char c) { return el_set(el, EL_PROMPT_ESC, f, c); }
static inline int qsh_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int qsh_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int qsh_el_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int qsh_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }
static inline void *qsh_el_get_clientdata(EditLine *el) { void *d = NULL; el_get(el, EL_CLIENTDATA, &d); return d; }
static inline int qsh_el_addfn(EditLine *el, const char *name, const char *help, qsh_el_fn f) { return el_set(el, EL_ADDFN, name, help, f); }
static inline int qsh_el_bind(EditLine *el, const char *key, const char *fn) { return el_set(el, EL_BIND, key, fn, (const char *)NULL); }
/* Puts the terminal in edit (raw) mode now; el_gets would do it only after printing the prompt,
   so keys typed the instant the prompt appears could still meet the cooked terminal. */
static inline int qsh_el_prep_term(EditLine *el, int on) { return el_set(el, EL_PREP_TERM, on); }
static inline int qsh_el_setty(EditLine *el, const char *a, const char *b) { return el_set(el, EL_SETTY, a, b, (const char *)NULL); }
static inline int qsh_hist_setsize(History *h, int size) { HistEvent ev; return history(h, &ev, H_SETSIZE, size); }
static inline int qsh_hist_setunique(History *h, int on) { HistEvent ev; return history(h, &ev, H_SETUNIQUE, on); }
static inline int qsh_hist_enter(History *h, const char *line) { HistEvent ev; return history(h, &ev, H_ENTER, line); }
static inline void qsh_flush_all(void) { fflush(NULL); }
static inline int qsh_codeset_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}
/* Plain (non-editing) prompt: a read interrupted by Ctrl-C leaves stdin's error flag set. */
static inline void qsh_clearerr_stdin(void) { clearerr(stdin); }
#endif
