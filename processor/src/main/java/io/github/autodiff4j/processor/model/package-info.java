/**
 * What the front end learns of a method and the back end writes for it: its signature and parameters, the names of
 * the generated types and members, and its derivative code ({@code Derivatives}). Its types are JavaPoet's, not
 * javac's. Imports the IR only.
 */
package io.github.autodiff4j.processor.model;
