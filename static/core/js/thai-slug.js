/* Thongthin: keep Thai vowel and tone marks in page addresses (see core/slugs.py).
 *
 * Wagtail's slug controller (w-slug) keeps only letters and digits when it makes a unicode slug from a title; Thai
 * above/below vowels and tone marks are combining marks, so "ขอรับน้ำ" became "ขอรบนำ". This replaces the controller
 * with a subclass whose slugify/urlify also keep marks (\p{M}), with the same rule as the server (slugify_thai).
 */
(function () {
  'use strict';
  function install() {
    var app = window.wagtail && window.wagtail.app;
    if (!app || !app.router) return false;
    var module = app.router.modulesByIdentifier.get('w-slug');
    if (!module) return false;
    var Base = module.definition.controllerConstructor;
    if (Base.thongthinThai) return true;
    var keep = /^[\p{L}\p{M}\p{N}_-]$/u;
    function thaiSlug(value) {
      return value.normalize('NFC').toLowerCase().replace(/\s+/g, '-').split('')
        .filter(function (ch) { return keep.test(ch); }).join('')
        .replace(/-+/g, '-').replace(/^[-_]+|[-_]+$/g, '').substring(0, 255);
    }
    class ThaiSlugController extends Base {
      slugify(event, options) {
        if (!this.allowUnicodeValue) return super.slugify(event, options);
        return this.thaiUpdate('slugify', event, options);
      }
      urlify(event, options) {
        if (!this.allowUnicodeValue) return super.urlify(event, options);
        return this.thaiUpdate('urlify', event, options);
      }
      thaiUpdate(action, event, options) {
        var opts = options || {};
        var ignoreUpdate = Boolean(opts.ignoreUpdate);
        var runFormat = opts.runFormat === undefined ? !ignoreUpdate : opts.runFormat;
        var source = (event && event.detail && event.detail.value !== undefined) ? event.detail.value : this.element.value;
        var prepared = this.prepareValue(source, { runFormat: runFormat });
        if (!prepared) return '';
        var clean = thaiSlug(prepared);
        if (!ignoreUpdate) this.applyUpdate(action, clean, source);
        return clean;
      }
    }
    ThaiSlugController.thongthinThai = true;
    app.register('w-slug', ThaiSlugController);
    return true;
  }
  if (!install()) document.addEventListener('DOMContentLoaded', install);
})();
