package org.casw.routes.aeo;

/** How customs treats a declaration: the fast lane for recognised AEO enterprises, else the normal one. */
public enum Lane { FAST, NORMAL }
