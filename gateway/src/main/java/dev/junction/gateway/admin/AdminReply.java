package dev.junction.gateway.admin;

/** What the admin API answers: a status and a JSON body. */
public record AdminReply(int status, byte[] body) {}
