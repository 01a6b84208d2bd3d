/**
 * Task definition to docker compose: conversion, override providers, compose-spec merging, strict YAML, files on disk.
 */
package dev.localecs.runtime.compose;
